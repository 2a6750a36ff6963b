/** How long one outbound platform call may take before it is abandoned (and the queue retries it later). */
export const PLATFORM_TIMEOUT_MS = 10_000;

/**
 * `fetch` with a deadline on every call, so one hanging platform call cannot stall a delivery batch. A caller's
 * own signal still applies; whichever fires first aborts the call.
 */
export function timedFetch(base: typeof fetch, timeoutMs = PLATFORM_TIMEOUT_MS): typeof fetch {
  return (input, init) => {
    const deadline = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, deadline]) : deadline;
    return base(input, { ...init, signal });
  };
}
