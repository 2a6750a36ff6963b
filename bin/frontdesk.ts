import { Command, Option } from 'commander';
import { addAgent, disableAgent, listAgents, setHours } from './commands/admin.js';
import { CliError } from './commands/cli-error.js';
import { listDeadLetters, redriveDeadLetters } from './commands/dlq.js';
import { exportFaq, importFaq, matchFaq } from './commands/faq.js';

// The SDK's notice that Node 20 support ends in 2027 is for maintainers (README: use Node 22), not for each run.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

// `npm run frontdesk -- <command>`: the admin's tool. It works on the same storage as `npm start`
// (FRONTDESK_DATA_DIR), or on AWS with FRONTDESK_STORAGE=aws (see the README).
const program = new Command('frontdesk').description('frontdesk administration').showHelpAfterError();
const format = new Option('--format <format>', 'file format').choices(['jsonl', 'csv']);

const faq = program.command('faq').description('the FAQ: import, export, batch-test');
faq
  .command('import')
  .argument('<file>', 'a .jsonl or .csv FAQ file')
  .option('--replace', 'make the file the whole FAQ (default: merge by id)')
  .addOption(format)
  .description('validate a file and make it live at once (nothing is half-imported)')
  .action((file, options) => importFaq(file, options));
faq
  .command('export')
  .addOption(new Option('--format <format>', 'file format').choices(['jsonl', 'csv']).default('jsonl'))
  .description('write the live FAQ to stdout')
  .action((options) => exportFaq(options));
faq
  .command('match')
  .option('--faq <file>', 'match against this file alone, without touching the store')
  .description('read {"text"} JSONL lines on stdin, write {"text","predicted","score","suggestions"} lines')
  .action((options) => matchFaq(options));

const agents = program.command('agents').description('support agents');
agents
  .command('add')
  .argument('<name>')
  .option('--admin', 'the agent may also use the admin API')
  .option('--can-publish', '"Save as FAQ" publishes at once instead of leaving a draft')
  .description('create an agent and print its token')
  .action((name, options) => addAgent(name, options));
agents.command('list').description('list agents with their role and state').action(listAgents);
agents
  .command('disable')
  .argument('<name>', "the agent's name or id")
  .description("refuse the agent's token from now on")
  .action(disableAgent);

const hours = program.command('hours').description('staffed hours');
hours
  .command('set')
  .argument('<file>', 'an hours JSON file (docs/hours.md)')
  .description('validate and apply')
  .action(setHours);

const dlq = program.command('dlq').description('dead letters: messages that failed every retry');
dlq.command('list').description('count and show the dead letters of each queue').action(listDeadLetters);
dlq
  .command('redrive')
  .option('--queue <name>', 'only this queue (inbound, tickets, outbound or outbound-botframework)')
  .description('move the dead letters back to their queues, to be tried again')
  .action((options) => redriveDeadLetters(options));

try {
  await program.parseAsync();
} catch (error) {
  if (!(error instanceof CliError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
