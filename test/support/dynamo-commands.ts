import { AsyncLocalStorage } from 'node:async_hooks';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * Wraps a client so a test can see which DynamoDB commands one piece of work sends: `during(work)` returns them as
 * "NameCommand {input}" strings. Work done meanwhile by timers or pollers is not counted (async context).
 */
export function recordCommands(doc: DynamoDBDocumentClient) {
  const current = new AsyncLocalStorage<string[]>();
  doc.middlewareStack.add(
    (next, context) => async (args) => {
      current.getStore()?.push(`${context.commandName} ${JSON.stringify(args.input)}`);
      return next(args);
    },
    { step: 'initialize', name: 'recordCommands' },
  );
  return {
    async during<T>(work: () => T | Promise<T>): Promise<{ result: T; commands: string[] }> {
      const commands: string[] = [];
      const result = await current.run(commands, work);
      return { result, commands };
    },
  };
}
