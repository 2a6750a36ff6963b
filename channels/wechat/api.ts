import * as z from 'zod';
import type { AccessToken, FreshToken } from './access-token.js';

/** A WeChat or WeCom API answer with a non-zero `errcode`: an error even though the HTTP status was 200. */
export class WechatApiError extends Error {
  override name = 'WechatApiError';
  constructor(
    readonly errcode: number,
    errmsg: string,
    path: string,
  ) {
    super(`${path} failed: errcode ${errcode} ${errmsg}`);
  }
}

const Answer = z.looseObject({ errcode: z.number().optional(), errmsg: z.string().optional() });

/**
 * Calls an API and returns its JSON. WeChat reports most failures as HTTP 200 with `{"errcode", "errmsg"}`, so a
 * non-zero errcode throws WechatApiError. Messages name the path only: the query holds the token or secret.
 */
export async function callApi(
  fetch: typeof globalThis.fetch,
  url: URL,
  body?: unknown,
): Promise<z.infer<typeof Answer>> {
  const res = await fetch(url, {
    method: body === undefined ? 'GET' : 'POST',
    headers: body === undefined ? undefined : { 'content-type': 'application/json; charset=utf-8' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${url.pathname} answered HTTP ${res.status}`);
  const answer = Answer.parse(await res.json());
  if (answer.errcode) throw new WechatApiError(answer.errcode, answer.errmsg ?? '', url.pathname);
  return answer;
}

const TokenAnswer = z.object({ access_token: z.string().min(1), expires_in: z.number().int().positive() });

/** Fetches an access token (`cgi-bin/token` for Official Accounts, `cgi-bin/gettoken` for WeCom). */
export async function fetchToken(fetch: typeof globalThis.fetch, url: URL): Promise<FreshToken> {
  const answer = TokenAnswer.parse(await callApi(fetch, url));
  return { token: answer.access_token, expiresIn: answer.expires_in };
}

// 40001 invalid credential, 40014 invalid access_token, 42001 access_token expired (global return codes, both APIs).
const STALE_TOKEN = new Set([40001, 40014, 42001]);

/** Calls with the current token; once the platform calls it invalid or expired, again with a fresh one. */
export async function withToken<T>(tokens: AccessToken, call: (token: string) => Promise<T>): Promise<T> {
  const token = await tokens.get();
  try {
    return await call(token);
  } catch (error) {
    if (!(error instanceof WechatApiError && STALE_TOKEN.has(error.errcode))) throw error;
    await tokens.invalidate(token);
    return call(await tokens.get());
  }
}

/** `base` joined with an API path and query, e.g. `https://api.weixin.qq.com/cgi-bin/token?…`. */
export function apiUrl(base: string, path: string, query: Record<string, string>): URL {
  const url = new URL(path, base.endsWith('/') ? base : `${base}/`);
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  return url;
}
