import { describe, expect, it } from 'vitest';
import { adminClient, useAdminStack } from '../../support/admin-client.js';

const env = useAdminStack();

const agentCall = (token: string) => adminClient(env.stack.url, token);

describe('admin agents', () => {
  it('refuses callers without an admin token', async () => {
    expect((await agentCall('nope')('GET', '/admin/agents')).status).toBe(401);
    expect((await agentCall(env.stack.agentToken)('GET', '/admin/agents')).status).toBe(401);
  });

  it('adds an agent, lists it with its role and state, and lets an admin agent in', async () => {
    const added = await env.admin('POST', '/admin/agents', { name: 'Lin', role: 'admin' });
    expect(added.status).toBe(201);
    expect(added.body.agent).toMatchObject({
      name: 'Lin',
      role: 'admin',
      canPublish: false,
      disabled: false,
    });
    const listed = (await env.admin('GET', '/admin/agents')).body.agents;
    expect(listed).toContainEqual(added.body.agent);
    expect(listed.find((a: { name: string }) => a.name === 'Demo Agent')).toMatchObject({ canPublish: true });
    expect((await agentCall(added.body.token)('GET', '/admin/agents')).status).toBe(200);
  });

  it('disables an agent: its token is refused at once, and accepted again once enabled', async () => {
    const { agent, token } = (await env.admin('POST', '/admin/agents', { name: 'Sam' })).body;
    const asAgent = agentCall(token);
    expect((await asAgent('GET', '/agent/me')).status).toBe(200);
    const patched = await env.admin('PATCH', `/admin/agents/${agent.id}`, { disabled: true });
    expect(patched.body.agent.disabled).toBe(true);
    expect((await asAgent('GET', '/agent/me')).status).toBe(401);
    await env.admin('PATCH', `/admin/agents/${agent.id}`, { disabled: false });
    expect((await asAgent('GET', '/agent/me')).status).toBe(200);
  });

  it('rotates a token: the old one is refused, the new one works', async () => {
    const { agent, token } = (await env.admin('POST', '/admin/agents', { name: 'Kai' })).body;
    const rotated = await env.admin('POST', `/admin/agents/${agent.id}/rotate`);
    expect(rotated.body.token).not.toBe(token);
    expect((await agentCall(token)('GET', '/agent/me')).status).toBe(401);
    expect((await agentCall(rotated.body.token)('GET', '/agent/me')).body.name).toBe('Kai');
  });

  it('answers 404 for an unknown agent and 400 for a bad role', async () => {
    expect((await env.admin('PATCH', '/admin/agents/00000000', { role: 'agent' })).status).toBe(404);
    const bad = await env.admin('PATCH', '/admin/agents/00000000', { role: 'boss' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_request');
  });
});

describe('Save as FAQ', () => {
  it('publishes for an agent who may publish', async () => {
    const save = await agentCall(env.stack.agentToken)('POST', '/agent/faq', {
      question: 'Do you gift-wrap parcels?',
      answer: 'Yes, gift wrapping is free at checkout.',
      lang: 'en',
    });
    expect(save.status).toBe(201);
    expect(save.body).toMatchObject({
      published: true,
      message: expect.stringMatching(/answers with it now/),
    });
    expect((await env.admin('GET', `/admin/faq/${save.body.entry.id}`)).status).toBe(200);
  });

  it('leaves a draft for one who may not, which an admin lists and publishes', async () => {
    const { token } = (await env.admin('POST', '/admin/agents', { name: 'Noor' })).body;
    const save = await agentCall(token)('POST', '/agent/faq', {
      question: 'Can I pay with a voucher?',
      answer: 'Vouchers are entered on the payment page.',
      lang: 'en',
      ticketId: 't-1',
    });
    expect(save.status).toBe(202);
    expect(save.body).toMatchObject({ published: false, message: expect.stringMatching(/draft/) });
    const { drafts } = (await env.admin('GET', '/admin/faq/drafts')).body;
    expect(drafts).toContainEqual(
      expect.objectContaining({ id: save.body.draft.id, agentName: 'Noor', ticketId: 't-1' }),
    );
    const published = await env.admin('POST', `/admin/faq/drafts/${save.body.draft.id}/publish`, {});
    expect(published.body.entry.questions).toEqual(['Can I pay with a voucher?']);
    expect((await env.admin('GET', '/admin/faq/drafts')).body.drafts).toEqual([]);
  });

  it('publishes a draft as a phrasing of an existing entry, or discards it', async () => {
    const { token } = (await env.admin('POST', '/admin/agents', { name: 'Ada' })).body;
    const save = (question: string) =>
      agentCall(token)('POST', '/agent/faq', { question, answer: 'See the tracking page.', lang: 'en' });
    const first = (await save('where is my parcel right now')).body.draft;
    const published = await env.admin('POST', `/admin/faq/drafts/${first.id}/publish`, {
      entryId: 'order-status.en',
    });
    expect(published.status).toBe(200);
    expect(published.body.entry.questions).toContain('where is my parcel right now');
    const second = (await save('a question nobody should see')).body.draft;
    expect((await env.admin('DELETE', `/admin/faq/drafts/${second.id}`)).status).toBe(200);
    expect((await env.admin('GET', '/admin/faq/drafts')).body.drafts).toEqual([]);
    expect((await env.admin('DELETE', `/admin/faq/drafts/${second.id}`)).status).toBe(404);
  });
});
