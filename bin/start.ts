import { startLocal } from '../functions/local/start-local.js';

// The SDK's notice that Node 20 support ends in 2027 is for maintainers (README: use Node 22), not for each run.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

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
