import { startLocal } from '../functions/local/start-local.js';

// `npm start`: the whole product on this machine. Settings come from the environment (see the README).
const runtime = await startLocal().catch((error: Error) => {
  console.error(`frontdesk could not start: ${error.message}`);
  process.exit(1);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.log('stopping…');
    void runtime.stop().then(() => process.exit(0));
  });
}
