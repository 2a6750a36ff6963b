/**
 * Slack's message text encoding (https://api.slack.com/reference/surfaces/formatting#escaping): `&`, `<` and `>`
 * are escaped, and links, mentions and channels arrive as `<…>` tokens.
 */

/** Escapes text we send, so a user's or an FAQ's `<!channel>` or `<http://…>` shows literally instead of acting. */
export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Turns received text into what the user typed: tokens to their labels, entities decoded. */
export function plainText(text: string): string {
  return text
    .replace(/<([^<>]*)>/g, (_whole, inner: string) => {
      const bar = inner.indexOf('|');
      const target = bar < 0 ? inner : inner.slice(0, bar);
      const sigil = target[0];
      if (bar >= 0) {
        const label = inner.slice(bar + 1);
        return sigil === '@' || sigil === '#' ? `${sigil}${label}` : label;
      }
      return sigil === '!' ? `@${target.slice(1)}` : target;
    })
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .trim();
}

/** Drops the `<@U…>` mentions a message starts with (how an app_mention addresses the bot). */
export function withoutLeadingMentions(text: string): string {
  return text.replace(/^(\s*<@[A-Z0-9]+(\|[^>]*)?>[\s,:]*)+/, '');
}
