import * as z from 'zod';

/**
 * What a callback's `sessionWebhook` must be for frontdesk to post replies to it: an https URL on one of
 * `hosts` (DingTalk's own, by default oapi.dingtalk.com where the doc's callbacks point), or on the configured
 * OpenAPI origin (a proxy in front of DingTalk, or the tests' recording server). The callback's sign does not
 * cover the body, so without this a forged body could make frontdesk post anywhere.
 */
export function sessionWebhookSchema(hosts: string[], apiUrl: string): z.ZodType<string> {
  const apiOrigin = new URL(apiUrl).origin;
  return z.url({ error: 'not a URL', abort: true }).refine(
    (raw) => {
      const url = new URL(raw);
      return (url.protocol === 'https:' && hosts.includes(url.hostname)) || url.origin === apiOrigin;
    },
    { error: `not a DingTalk session webhook (allowed hosts: ${hosts.join(', ')})` },
  );
}
