import { afterAll, beforeAll } from 'vitest';
import { startTestStack } from './local-stack.js';

/** A JSON client for the admin API of a running stack: every call answers `{status, body}`. */
export function adminClient(baseUrl: string, token: string) {
  return async function call(method: string, path: string, body?: unknown) {
    const response = await fetch(baseUrl + path, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body !== undefined && { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const type = response.headers.get('content-type') ?? '';
    return { status: response.status, body: type.startsWith('application/json') ? JSON.parse(text) : text };
  };
}

/** The admin client's call signature. */
export type AdminCall = ReturnType<typeof adminClient>;

/**
 * Starts a test stack before this file's tests and stops it after them; `stack` and `admin` (its admin client)
 * are ready inside the tests. `setup` runs once the stack is up, before the first test.
 */
export function useAdminStack(
  options?: Parameters<typeof startTestStack>[0],
  setup?: (stack: TestStack) => Promise<void>,
) {
  const state = {} as { stack: TestStack; admin: AdminCall };
  beforeAll(async () => {
    state.stack = await startTestStack(options);
    state.admin = adminClient(state.stack.url, state.stack.adminToken);
    await setup?.(state.stack);
  });
  afterAll(() => state.stack.stop());
  return state;
}

type TestStack = Awaited<ReturnType<typeof startTestStack>>;
