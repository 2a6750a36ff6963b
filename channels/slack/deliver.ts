import { createHash } from 'node:crypto';
import type { ChannelStore, ConversationRef, DeliveryAttempt, OutboundMessage } from '../types.js';
import type { SlackApi } from './api.js';
import { messageBlocks } from './blocks.js';

const IN_PLACE_TTL_SECONDS = 86_400;

/**
 * Delivers one message to a Slack user (`to.address` is what parse put there):
 * - after a button click, the first message replaces the one that held the buttons ("answers in place");
 * - private conversations (slash command, ephemeral buttons) answer through the response_url while Slack takes
 *   it, then in the app's DM with the user;
 * - everything else goes to the thread of the question, unless an earlier attempt posted it there already (its
 *   delivery id is in the message's metadata).
 * Throws when Slack refuses, so the queue retries.
 */
export async function deliverToSlack(
  api: SlackApi,
  store: ChannelStore,
  to: ConversationRef,
  message: OutboundMessage,
  delivery?: DeliveryAttempt,
): Promise<void> {
  const address = to.address ?? {};
  const rendered = messageBlocks(message);
  const { channel, response_url: responseUrl } = address;

  if (channel && address.replace_ts) {
    const replaced = await inPlaceOnce(store, `${channel}:${address.replace_ts}`, () =>
      api.update({ channel, ts: address.replace_ts!, ...rendered }),
    );
    if (replaced) return;
  }
  if (responseUrl && Number(address.response_until) > Date.now()) {
    if (await respondPrivately(api, store, responseUrl, address.replace === '1', rendered)) return;
  }
  const deliveryId = delivery?.id;
  if (channel) {
    const thread_ts = address.thread_ts;
    const since = delivery?.since;
    if (since && (await api.posted({ channel, thread_ts, since, deliveryId: delivery.id }))) return;
    await api.postMessage({ channel, thread_ts, deliveryId, ...rendered });
    return;
  }
  // A user id as the channel posts in the app's DM with them (https://api.slack.com/methods/chat.postMessage);
  // without the DM's channel id there is no history to look in, so a retry after a crash may post twice.
  await api.postMessage({ channel: address.user ?? to.userId, deliveryId, ...rendered });
}

/** Posts an ephemeral answer to a response_url, replacing the clicked message once; false if Slack refuses. */
async function respondPrivately(
  api: SlackApi,
  store: ChannelStore,
  url: string,
  replaceFirst: boolean,
  rendered: ReturnType<typeof messageBlocks>,
): Promise<boolean> {
  const body = (replace: boolean) => ({ response_type: 'ephemeral', replace_original: replace, ...rendered });
  if (replaceFirst) {
    let accepted = false;
    const key = createHash('sha256').update(url).digest('hex');
    const first = await inPlaceOnce(store, key, async () => {
      accepted = await api.respond(url, body(true));
    });
    if (first) return accepted;
  }
  return api.respond(url, body(false));
}

/** Runs `replace` for the first message after a click only; false when another message already did. */
async function inPlaceOnce(store: ChannelStore, key: string, replace: () => Promise<void>): Promise<boolean> {
  const lock = `slack:in-place:${key}`;
  if (!(await store.putIfAbsent(lock, '1', IN_PLACE_TTL_SECONDS))) return false;
  try {
    await replace();
    return true;
  } catch (error) {
    // Let the queue's retry replace it again rather than post a second copy.
    await store.delete(lock);
    throw error;
  }
}
