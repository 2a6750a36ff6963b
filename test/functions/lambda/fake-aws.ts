import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

async function listen(
  handle: (req: IncomingMessage, body: string, res: ServerResponse) => void,
): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => handle(req, body, res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return { url: `http://127.0.0.1:${address.port}`, server };
}

/**
 * Secrets Manager's GetSecretValue (AWS JSON 1.1 protocol) over a fixed map of secret id → string, so a bundle
 * reads its secrets exactly as in AWS; the SDK is pointed here with AWS_ENDPOINT_URL_SECRETS_MANAGER.
 */
export async function fakeSecretsManager(secrets: Record<string, string>) {
  const reads: string[] = [];
  const { url, server } = await listen((req, body, res) => {
    const { SecretId } = JSON.parse(body) as { SecretId: string };
    const target = req.headers['x-amz-target'];
    res.setHeader('content-type', 'application/x-amz-json-1.1');
    if (target !== 'secretsmanager.GetSecretValue' || !(SecretId in secrets)) {
      res.statusCode = 400;
      res.end(JSON.stringify({ __type: 'ResourceNotFoundException', message: `no secret ${SecretId}` }));
      return;
    }
    reads.push(SecretId);
    res.end(
      JSON.stringify({ ARN: SecretId, Name: SecretId, SecretString: secrets[SecretId], VersionId: 'v1' }),
    );
  });
  return { url, reads, close: () => new Promise((done) => server.close(done)) };
}

/**
 * The WebSocket management API (`POST /{stage}/@connections/{id}`): records each frame, answers 410 Gone for
 * connections listed in `gone`, like API Gateway does for a client that went away.
 */
export async function fakeManagementApi(stage: string, gone: Set<string>) {
  const posts: { connectionId: string; data: string }[] = [];
  const { url, server } = await listen((req, body, res) => {
    const connectionId = decodeURIComponent(req.url?.split('/@connections/')[1] ?? '');
    if (req.method !== 'POST' || !req.url?.startsWith(`/${stage}/@connections/`)) res.statusCode = 404;
    else if (gone.has(connectionId)) {
      res.statusCode = 410;
      res.setHeader('x-amzn-errortype', 'GoneException');
    } else posts.push({ connectionId, data: body });
    res.setHeader('content-type', 'application/json');
    res.end(res.statusCode === 410 ? JSON.stringify({ message: 'Gone' }) : '{}');
  });
  return { endpoint: `${url}/${stage}`, posts, close: () => new Promise((done) => server.close(done)) };
}
