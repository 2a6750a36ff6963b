/**
 * Spots a request for a person in plain words. It looks at short messages only, because in a long message
 * "agent" or "人工" is usually part of a question ("how do I become a sales agent?") rather than a request.
 */
const ZH = /(人工|真人客服|[找要换转](个|一个)?(真人|活人)|找客服|客服人员)/;
/** Questions about the bot itself ("你是真人吗") are small talk, not requests. */
const ZH_ABOUT_BOT = /(是|是不是)(真人|活人)|(真人|活人)吗/;
const EN =
  /\b(agent|human|person|operator|representative|rep|real (person|people)|live (agent|chat|person)|someone real|staff)\b/;
const EN_VERBS = /\b(talk|speak|chat|connect|transfer|put me through|get me)\b/;

/** True when the message asks to talk to a person. */
export function asksForHuman(text: string): boolean {
  const t = text.normalize('NFKC').toLowerCase().trim();
  if (t.length === 0) return false;
  if (/^(真人|活人)$/.test(t)) return true;
  if (ZH.test(t) && !ZH_ABOUT_BOT.test(t) && t.length <= 20) return true;
  if (!EN.test(t)) return false;
  const words = t.split(/\s+/).length;
  return words <= 3 || (words <= 12 && EN_VERBS.test(t));
}
