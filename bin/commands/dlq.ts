import { DEAD_LETTER_QUEUES, type DeadLetterQueue } from '../../functions/core/dead-letters.js';
import { openDeadLetters } from '../../functions/local/local-dead-letters.js';
import { CliError } from './cli-error.js';

/** `dlq list`: each dead-letter queue's count, then its messages (id, attempts, last failure, body). */
export async function listDeadLetters() {
  const { deadLetters, close } = await openDeadLetters(process.env);
  try {
    for (const { name, count } of await deadLetters.counts()) {
      console.log(`${name}: ${count} dead letter${count === 1 ? '' : 's'}`);
      if (count === 0) continue;
      for (const letter of await deadLetters.list(name)) {
        const when = letter.failedAt ? new Date(letter.failedAt).toISOString() : 'unknown time';
        console.log(
          `  ${letter.id}  ${letter.attempts} attempts, last at ${when}: ${letter.reason ?? '(no reason recorded)'}`,
        );
        console.log(`    ${letter.body}`);
      }
    }
  } finally {
    await close();
  }
}

/** `dlq redrive [--queue NAME]`: moves the dead letters (of one queue, or all) back to their work queues. */
export async function redriveDeadLetters(options: { queue?: string }) {
  if (options.queue && !DEAD_LETTER_QUEUES.includes(options.queue as DeadLetterQueue))
    throw new CliError(`no queue "${options.queue}"; the queues are ${DEAD_LETTER_QUEUES.join(', ')}`);
  const queues = options.queue ? [options.queue as DeadLetterQueue] : [...DEAD_LETTER_QUEUES];
  const { deadLetters, close } = await openDeadLetters(process.env);
  try {
    for (const queue of queues) console.log(`${queue}: ${await deadLetters.redrive(queue)} redriven`);
  } finally {
    await close();
  }
}
