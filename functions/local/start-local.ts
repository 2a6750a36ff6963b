import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join, resolve } from 'node:path';
import { serve } from '@hono/node-server';
import { botFrameworkChannel } from '../../channels/botframework/lazy-channel.js';
import { isBotFrameworkChannel } from '../../channels/botframework/types.js';
import { createMemoryHub } from '../../channels/web/live.js';
import { createWebChannel } from '../../channels/web/web-channel.js';
import type { Channel } from '../../channels/types.js';
import { createApp } from '../api/app.js';
import { botFrameworkRoutes } from '../botframework/routes.js';
import { configFromEnv } from '../core/config.js';
import { createClients, createServices, type Services } from '../services.js';
import { embeddedQueueUrls, startEmbedded } from './embedded.js';
import { secureDataDir } from './data-dir.js';
import { attachLiveSockets } from './live-socket.js';
import { announceRuntime } from './local-storage.js';
import { startPoller } from './poller.js';
import type { RetrySchedule } from '../workers/retry-schedule.js';
import { seedDemo } from './seed.js';

/** Options of the local runtime; the defaults are what `npm start` uses. */
export interface LocalOptions {
  port?: number;
  dataDir?: string;
  /** 'always' makes every moment staffed without changing the stored hours (tests and demos); default: the stored hours, the demo's when none are set. */
  hours?: 'demo' | 'always';
  quiet?: boolean;
  env?: NodeJS.ProcessEnv;
  /** Channels besides the web chat (tests add recording ones). */
  channels?: Channel[];
  clock?: () => Date;
  /** Seconds a received batch stays hidden from other pollers while it is being handled. */
  visibilityTimeout?: number;
  /** How failed queue messages are retried (default RETRY_SCHEDULE; tests shorten it). */
  retry?: RetrySchedule;
  /** Milliseconds between runs of the timed work that EventBridge runs in AWS (default 10 s; tests shorten it). */
  sweepMs?: number;
}

/** A running local frontdesk. */
export interface LocalRuntime {
  url: string;
  agentToken: string;
  /** The admin API's token (FRONTDESK_ADMIN_TOKEN when set, else the one kept in the data dir). */
  adminToken: string;
  services: Services;
  deadLetterQueues: Record<string, string>;
  stop(): Promise<void>;
}

const ROOT = resolve(import.meta.dirname, '../..');

/** Starts frontdesk on this machine: embedded DynamoDB and SQS stand-ins (or AWS), the workers, the HTTP server. */
export async function startLocal(options: LocalOptions = {}): Promise<LocalRuntime> {
  const env = options.env ?? process.env;
  const dataDir = resolve(options.dataDir ?? env.FRONTDESK_DATA_DIR ?? '.frontdesk');
  secureDataDir(dataDir);
  const secrets = localSecrets(dataDir);
  const onAws = env.FRONTDESK_STORAGE === 'aws';
  const embedded = onAws ? undefined : await startEmbedded(dataDir, env.FRONTDESK_TABLE ?? 'frontdesk');
  const config = configFromEnv({
    FRONTDESK_WEB_SECRET: secrets.webSecret,
    FRONTDESK_ADMIN_TOKEN: secrets.adminToken,
    ...env,
    ...(embedded && {
      DYNAMODB_ENDPOINT: embedded.dynamoEndpoint,
      SQS_ENDPOINT: embedded.sqsEndpoint,
      FRONTDESK_INBOUND_QUEUE_URL: embedded.queues.inbound,
      FRONTDESK_TICKETS_QUEUE_URL: embedded.queues.tickets,
      FRONTDESK_OUTBOUND_QUEUE_URL: embedded.queues.outbound,
      FRONTDESK_OUTBOUND_BOTFRAMEWORK_QUEUE_URL: embedded.queues['outbound-botframework'],
    }),
  });
  const clients = createClients(config);

  const hub = createMemoryHub();
  const services = createServices(config, clients, {
    channels: [createWebChannel(hub), ...extraChannels(options.channels ?? [], env, options.quiet)],
    env,
    clock: options.clock,
    alwaysStaffed: (options.hours ?? env.FRONTDESK_HOURS) === 'always',
    retry: options.retry,
    queueUrls: embedded && embeddedQueueUrls(embedded.queues),
  });
  const agentToken = await seedDemo(services, {
    dataDir,
    root: ROOT,

    log: options.quiet ? () => {} : console.log,
  });

  // As in AWS (lib/queues.ts): longer than any batch can take. A failed record sets its own back-off, and after a
  // crash a restart makes in-flight messages visible at once, so a long timeout delays nothing.
  const visibilityTimeout = options.visibilityTimeout ?? 180;
  const pollers = [
    startPoller(clients.sqs, config.inboundQueueUrl, services.workers.inbound, { visibilityTimeout }),
    startPoller(clients.sqs, config.ticketsQueueUrl, services.workers.tickets, { visibilityTimeout }),
    startPoller(clients.sqs, config.outboundQueueUrl, services.workers.delivery, { visibilityTimeout }),
    // Replies to Teams: their own queue in AWS (the botframework function's), polled here like the others.
    ...(config.outboundBotframeworkQueueUrl
      ? [
          startPoller(
            clients.sqs,
            config.outboundBotframeworkQueueUrl,
            services.workers.botframeworkDelivery,
            {
              visibilityTimeout,
            },
          ),
        ]
      : []),
  ];
  // The timed work that EventBridge runs in AWS.
  // The sweep in flight is kept so that stop() waits for it: closing the stand-ins under it crashes dynalite.
  let sweeping: Promise<unknown> = Promise.resolve();
  const sweep = setInterval(() => {
    sweeping = Promise.all([
      services.conversations.writeDueTurns(services.clock()).catch(console.error),
      services.desk.offerUnclaimed(services.clock()).catch(console.error),
      services.reports.rollUp(services.clock()).catch(console.error),
    ]);
  }, options.sweepMs ?? 10_000);

  // In AWS the Bot Framework has a function of its own (functions/botframework); here it shares the port.
  const channel = services.channels.get('botframework');
  const platformRoutes = botFrameworkRoutes({
    ...services,
    channel: isBotFrameworkChannel(channel) ? channel : undefined,
  });
  const app = createApp({ ...services, uiDir: join(ROOT, 'ui'), platformRoutes });
  const { server, port } = await listen(app.fetch, options.port ?? Number(env.PORT ?? 3000));
  attachLiveSockets(server, hub, config.webSecret);
  const unannounce = embedded ? announceRuntime(dataDir, embedded) : () => {};
  const url = `http://127.0.0.1:${port}`;
  const adminToken = config.adminToken ?? secrets.adminToken;
  if (!options.quiet) printWelcome(url, { agentToken, adminToken }, dataDir, onAws);

  return {
    url,
    agentToken,
    adminToken,
    services,
    deadLetterQueues: embedded?.queues.dlq ?? {},
    async stop() {
      clearInterval(sweep);
      unannounce();
      server.closeAllConnections?.();
      await new Promise((done) => server.close(done));
      await Promise.all([...pollers.map((p) => p.stop()), sweeping]);
      clients.dynamo.destroy();
      clients.sqs.destroy();
      await embedded?.stop();
    },
  };
}

/** The channels given (tests), and the Bot Framework's from the environment unless given; it loads botbuilder lazily. */
function extraChannels(given: Channel[], env: NodeJS.ProcessEnv, quiet?: boolean): Channel[] {
  if (given.some(isBotFrameworkChannel)) return given;
  const botframework = botFrameworkChannel({ env, log: quiet ? () => {} : console.log });
  return botframework ? [...given, botframework] : given;
}

/** The web-chat signing secret and the admin token, made once per data dir and kept there across restarts. */
function localSecrets(dataDir: string): { webSecret: string; adminToken: string } {
  const file = join(dataDir, 'secrets.json');
  const saved = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  if (saved.webSecret && saved.adminToken) return saved;
  // Data dirs from before the admin API have a web secret only: keep it, so open chats stay valid.
  const secrets = {
    webSecret: saved.webSecret ?? randomBytes(32).toString('base64url'),
    adminToken: saved.adminToken ?? `fda_${randomBytes(24).toString('base64url')}`,
  };
  writeFileSync(file, JSON.stringify(secrets), { mode: 0o600 });
  return secrets;
}

function listen(
  fetch: (req: Request) => Response | Promise<Response>,
  port: number,
): Promise<{ server: Server; port: number }> {
  return new Promise((resolveListen, reject) => {
    const server = serve({ fetch, port, hostname: '127.0.0.1' }, (info) =>
      resolveListen({ server: server as Server, port: info.port }),
    );
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE' ? new Error(`port ${port} is in use; set PORT to another port`) : error,
      ),
    );
  });
}

function printWelcome(
  url: string,
  tokens: { agentToken: string; adminToken: string },
  dataDir: string,
  onAws: boolean,
) {
  console.log(
    [
      '',
      `frontdesk is running (${onAws ? 'on AWS storage' : `embedded storage in ${dataDir}`})`,
      `  demo shop with the chat widget  ${url}/`,
      `  agent console                   ${url}/agent`,
      `  demo agent token                ${tokens.agentToken}`,
      `  admin workspace                 ${url}/admin`,
      `  admin token                     ${tokens.adminToken}`,
      `  API description                 ${url}/openapi.json`,
      'Press Ctrl+C to stop.',
      '',
    ].join('\n'),
  );
}
