import { DateTime } from 'luxon';
import { vi } from 'vitest';
import type { Ticket } from '../../../functions/core/ticket.js';
import type { webClient } from '../../support/web-client.js';

/**
 * A scripted week of web-chat traffic with known answers, in the demo hours' zone (Asia/Shanghai, staffed
 * Mon–Fri 09:00–18:00): 40 questions of which 28 are answered outright, 8 get "did you mean" (1 pick), 4 none;
 * 4 tickets with known first-response and resolution times, one of them across a closed night; 4 ratings.
 */
export const ZONE = 'Asia/Shanghai';
export const DAYS = { mon: '2026-11-23', tue: '2026-11-24', wed: '2026-11-25', thu: '2026-11-26' } as const;

/** Questions the demo FAQ answers outright, suggests for, or cannot answer. */
export const ANSWERED = ['how long will shipping take?', 'where is my order', 'how much is shipping'];
export const SUGGESTED = 'returns';
export const NONE = ['qwxz plorb vented quasar', 'zorp flange morbid tarantula'];

type Client = ReturnType<typeof webClient>;
type Chat = Awaited<ReturnType<Client['open']>>;
type Reply = { text: string; choices?: { id: string }[]; buttons?: { id: string; label: string }[] };

/** A clock the test moves: `at('mon', '10:05')` sets it to that wall time in the zone. */
export function scriptedClock() {
  let now = DateTime.fromISO(`${DAYS.mon}T08:00`, { zone: ZONE }).toMillis();
  return {
    clock: () => new Date(now),
    at(day: keyof typeof DAYS, time: string) {
      now = DateTime.fromISO(`${DAYS[day]}T${time}`, { zone: ZONE }).toMillis();
    },
    /** Moves on by `seconds`. */
    wait(seconds: number) {
      now += seconds * 1000;
    },
  };
}

/** Plays the script; returns the ids of the 4 tickets in creation order. */
export async function playTraffic(
  client: Client,
  agentToken: string,
  time: ReturnType<typeof scriptedClock>,
) {
  const agent = client.agent(agentToken);
  const say = async (chat: Chat, text: string, choice?: string) => {
    time.wait(10);
    return (await chat.say(text, choice)) as Reply[];
  };
  const conversation = async (day: keyof typeof DAYS, clock: string, questions: string[]) => {
    time.at(day, clock);
    const chat = await client.open('en');
    let last: Reply[] = [];
    for (const question of questions) last = await say(chat, question);
    return { chat, last };
  };
  const answered4 = [...ANSWERED, ANSWERED[0]!];
  const ticketOf = (chat: Chat) =>
    vi.waitFor(
      async () => {
        const found = (await agent.tickets()).find((t) => t.ref.conversationId === chat.conversationId);
        if (!found) throw new Error('ticket not stored yet');
        return found;
      },
      { timeout: 15_000 },
    );
  /** Claims at once, replies `reply` seconds after the ticket was made, resolves at `resolve`; the user rates. */
  const work = async (chat: Chat, ticket: Ticket, reply: number, resolve: number, csat: number) => {
    await agent.claim(ticket.id);
    time.wait(reply);
    await agent.reply(ticket.id, 'Let me check that for you.');
    time.wait(resolve - reply);
    await agent.resolve(ticket.id);
    await say(chat, String(csat), `csat:${ticket.id}:${csat}`);
  };
  const tickets: string[] = [];

  // Monday: three conversations; a 👍, a 👎 that leads to a person (ticket 1).
  const one = await conversation('mon', '10:05', answered4);
  await say(one.chat, '👍', one.last[0]!.buttons![0]!.id);
  const two = await conversation('mon', '10:20', answered4);
  await say(two.chat, '👎', two.last[0]!.buttons![1]!.id);
  await say(two.chat, 'Talk to a person', 'human');
  const t1 = await ticketOf(two.chat);
  tickets.push(t1.id);
  await work(two.chat, t1, 60, 600, 5);
  await conversation('mon', '15:00', answered4);

  // Tuesday: a transfer (ticket 2), two conversations, suggestions with one pick, a message left at night (ticket 3).
  await conversation('tue', '09:10', answered4);
  const askT2 = await conversation('tue', '11:00', ['human']);
  const t2 = await ticketOf(askT2.chat);
  tickets.push(t2.id);
  await work(askT2.chat, t2, 120, 900, 4);
  await conversation('tue', '11:30', answered4);
  const suggest = await conversation('tue', '13:00', [SUGGESTED]);
  await say(suggest.chat, '1');
  for (let i = 0; i < 3; i++) await say(suggest.chat, SUGGESTED);
  const night = await conversation('tue', '22:00', ['human']);
  await say(night.chat, 'Leave a message', 'leave:yes');
  await say(night.chat, 'Please call me about my order');
  await say(night.chat, 'me@example.com');
  const t3 = await ticketOf(night.chat);
  tickets.push(t3.id);

  // Wednesday: ticket 3 (left at 22:00:40) answered after the night at 09:30:40, resolved at 10:00:40; a transfer (ticket 4) that misses the
  // 300 s target; three more conversations, one of them only suggestions.
  time.at('wed', '09:30:40');
  await agent.claim(t3.id);
  await agent.reply(t3.id, 'Good morning, calling you now.');
  time.at('wed', '10:00:40');
  await agent.resolve(t3.id);
  await say(night.chat, '2', `csat:${t3.id}:2`);
  const askT4 = await conversation('wed', '14:00', ['human']);
  const t4 = await ticketOf(askT4.chat);
  tickets.push(t4.id);
  await work(askT4.chat, t4, 400, 1000, 3);
  await conversation('wed', '16:45', answered4);
  await conversation('wed', '20:00', answered4);
  await conversation('wed', '21:00', [SUGGESTED, SUGGESTED, SUGGESTED, SUGGESTED]);

  // Thursday, still going when the report is read: one conversation the FAQ cannot answer.
  await conversation('thu', '09:15', [NONE[0]!, NONE[1]!, NONE[0]!, NONE[1]!]);
  return tickets;
}
