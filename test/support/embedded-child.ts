import { startEmbedded } from '../../functions/local/embedded.js';

// Runs the embedded data plane in its own process (so a test can kill -9 it) and prints where it listens.
const embedded = await startEmbedded(process.argv[2]!, 'frontdesk');
process.stdout.write(`${JSON.stringify({ sqsEndpoint: embedded.sqsEndpoint, queues: embedded.queues })}\n`);
