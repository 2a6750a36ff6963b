import * as z from 'zod';
import canned from '../../../data/canned-replies.json' with { type: 'json' };
import type { Lang } from '../faq/entry.js';

const CannedReplies = z.record(z.string(), z.object({ zh: z.string().min(1), en: z.string().min(1) }));
// Validated on first use rather than at import, which a Lambda cold start would wait for.
let replies: z.infer<typeof CannedReplies> | undefined;

/** Ids of the bot's fixed texts (data/canned-replies.json). */
export type TextId =
  | 'fallback'
  | 'fallbackOfferHuman'
  | 'didYouMean'
  | 'choicePrompt'
  | 'transferQueued'
  | 'transferStillQueued'
  | 'transferClaimed'
  | 'transferUnclaimedOffer'
  | 'outOfHours'
  | 'askMessage'
  | 'askContact'
  | 'contactInvalid'
  | 'leaveMessageConfirm'
  | 'leaveMessageCancelled'
  | 'resolved'
  | 'csatThanks'
  | 'botResumed'
  | 'agentLeft'
  | 'cancelHint'
  | 'unsupportedMessage'
  | 'welcome'
  | 'tooLong'
  | 'rateLimited'
  | 'feedbackThanks'
  | 'feedbackSorry'
  | 'offerDeclined'
  | 'messageAdded'
  | 'messageWithdrawn'
  | 'positionChanged';

/** A fixed text in the user's language with `{placeholders}` filled in. */
export function say(id: TextId, lang: Lang, vars: Record<string, string | number> = {}): string {
  const text = (replies ??= CannedReplies.parse(canned))[id]?.[lang];
  if (!text) throw new Error(`data/canned-replies.json has no text "${id}"`);
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** Short labels for the choices the bot offers. */
export const LABELS = {
  human: { zh: '转人工', en: 'Talk to a person' },
  leaveYes: { zh: '留言', en: 'Leave a message' },
  leaveNo: { zh: '不用了', en: 'No, thanks' },
  wait: { zh: '继续等待', en: 'Keep waiting' },
  /** Stands in for a time when no staffed hours lie ahead (none configured in the next year). */
  soon: { zh: '尽快', en: 'as soon as we can' },
} as const satisfies Record<string, Record<Lang, string>>;
