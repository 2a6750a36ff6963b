/** A JSON client for the admin API of a running stack: every call answers `{status, body}`. */
export function adminClient(baseUrl: string, token: string) {
  return async function call(method: string, path: string, body?: unknown) {
    const response = await fetch(baseUrl + path, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body !== undefined && { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const type = response.headers.get('content-type') ?? '';
    return { status: response.status, body: type.startsWith('application/json') ? JSON.parse(text) : text };
  };
}

/** The admin client's call signature. */
export type AdminCall = ReturnType<typeof adminClient>;
