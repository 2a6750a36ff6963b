import type { Ticket } from '../../functions/core/ticket.js';

/** A tiny client for the web-chat and agent APIs, as the widget and the console call them. */
export function webClient(baseUrl: string) {
  const call = async (method: string, path: string, token?: string, body?: unknown) => {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  return {
    call,
    /** Opens a conversation and returns a function that sends one message and returns the reply texts. */
    async open(lang?: 'zh' | 'en') {
      const { status, body } = await call('POST', '/web/conversations', undefined, { lang });
      if (status !== 201) throw new Error(`POST /web/conversations → ${status} ${JSON.stringify(body)}`);
      const { conversationId, token } = body as { conversationId: string; token: string };
      return {
        conversationId,
        token,
        async say(text: string, choice?: string) {
          const res = await call('POST', `/web/conversations/${conversationId}/messages`, token, {
            text,
            choice,
          });
          if (res.status !== 200) throw new Error(`POST message → ${res.status} ${JSON.stringify(res.body)}`);
          return res.body.replies as { text: string; choices?: { id: string; label: string }[] }[];
        },
        async transcript() {
          const res = await call('GET', `/web/conversations/${conversationId}/messages`, token);
          return res.body.messages as { role: string; text: string; agentName?: string }[];
        },
      };
    },
    agent(token: string) {
      return {
        tickets: async () => (await call('GET', '/agent/tickets', token)).body.tickets as Ticket[],
        claim: (id: string) => call('POST', `/agent/tickets/${id}/claim`, token),
        reply: (id: string, text: string) => call('POST', `/agent/tickets/${id}/messages`, token, { text }),
        resolve: (id: string) => call('POST', `/agent/tickets/${id}/resolve`, token),
        release: (id: string) => call('POST', `/agent/tickets/${id}/release`, token),
      };
    },
  };
}
