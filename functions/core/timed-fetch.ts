/** How long one outbound platform call may take before it is abandoned (and the queue retries it later). */
export const PLATFORM_TIMEOUT_MS = 10_000;

/**
 * `fetch` with a deadline on every call, so one hanging platform call cannot stall a delivery batch. A caller's
 * own signal still applies; whichever fires first aborts the call. Every failed attempt (HTTP 5xx, 429, a network
 * error, the deadline) is logged as one JSON line, including those a platform SDK retries by itself (Slack's).
 */
export function timedFetch(
  base: typeof fetch,
  timeoutMs = PLATFORM_TIMEOUT_MS,
  log: (line: string) => void = (line) => console.error(line),
): typeof fetch {
  return async (input, init) => {
    const deadline = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, deadline]) : deadline;
    // Origin and path only: queries carry tokens on some platforms (WeChat's access_token).
    const url = new URL(input instanceof Request ? input.url : String(input));
    const target = `${url.origin}${url.pathname}`;
    try {
      const res = await base(input, { ...init, signal });
      if (res.status >= 500 || res.status === 429)
        log(JSON.stringify({ level: 'warn', msg: 'platform call failed', target, status: res.status }));
      return res;
    } catch (error) {
      const reason = deadline.aborted ? `no answer within ${timeoutMs} ms` : String(error);
      log(JSON.stringify({ level: 'warn', msg: 'platform call failed', target, reason }));
      throw error;
    }
  };
}
