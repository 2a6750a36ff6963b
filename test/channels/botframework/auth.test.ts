import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createBotFrameworkChannel } from '../../../channels/botframework/botframework-channel.js';
import { botFrameworkChannel } from '../../../channels/botframework/lazy-channel.js';
import { startTestStack } from '../../support/local-stack.js';
import { startRecordingServer } from '../../support/recording-server.js';
import { activity, post, startBotConnector } from './bot-connector.js';

const APP_ID = '6f1c8e37-4d1b-4a7e-9b0e-2f3a8c9d5e41';
const TENANT = '3a7f9e12-6b4c-4d8e-a1f5-92c0b7d3e6a4';
const CREDENTIALS = {
  MICROSOFT_APP_ID: APP_ID,
  MICROSOFT_APP_PASSWORD: 'client-secret',
  MICROSOFT_APP_TENANT_ID: TENANT,
};
const ISSUER = 'https://api.botframework.com';

describe('turning the channel on', () => {
  const built = (env: Record<string, string>) => {
    const log = vi.fn();
    return { channel: botFrameworkChannel({ env, log }), said: () => log.mock.calls.join('\n') };
  };

  it('stays off without variables, and says which ones turn it on', () => {
    const { channel, said } = built({});
    expect(channel).toBeUndefined();
    expect(said()).toMatch(/MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD and MICROSOFT_APP_TENANT_ID/);
  });

  it('stays off with an app id but no password', () => {
    const { channel, said } = built({ MICROSOFT_APP_ID: APP_ID });
    expect(channel).toBeUndefined();
    expect(said()).toMatch(/MICROSOFT_APP_PASSWORD/);
  });

  it('runs without credentials for the Emulator on a machine, and refuses to in AWS Lambda', () => {
    const local = built({ BOTFRAMEWORK_NO_AUTH: 'true' });
    expect(local.channel?.name).toBe('botframework');
    expect(local.said()).toMatch(/WITHOUT authentication/);
    const lambda = built({
      BOTFRAMEWORK_NO_AUTH: 'true',
      AWS_LAMBDA_FUNCTION_NAME: 'frontdesk-botframework',
    });
    expect(lambda.channel).toBeUndefined();
    expect(lambda.said()).toMatch(/refused in AWS Lambda/);
  });

  it('with an app id, refuses Activities without a Bot Framework token before anything runs', async () => {
    const { channel } = built(CREDENTIALS);
    const answer = vi.fn(async () => []);
    const message = JSON.stringify(
      activity('teams-personal-message', 'https://smba.trafficmanager.net/amer/'),
    );
    const request = (authorization?: string) => ({
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization && { authorization }) },
      query: {},
      body: message,
    });
    // A token whose issuer is not the Bot Framework is refused without fetching any signing key.
    const foreign = `${base64url({ alg: 'RS256', kid: 'k' })}.${base64url({ iss: 'https://evil.test', aud: APP_ID })}.c2ln`;
    for (const authorization of [undefined, 'Bearer not-a-jwt', `Bearer ${foreign}`]) {
      expect(await channel!.process(request(authorization), new Date(), answer)).toEqual({
        outcome: 'unauthorized',
      });
    }
    expect(answer).not.toHaveBeenCalled();
  });
});

describe('Bot Framework tokens on the webhook', () => {
  // The channel with the public cloud's settings except that the token-signing keys (OpenID metadata) are served
  // here, so that real RS256 tokens can be made without reaching login.botframework.com.
  const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const impostor = generateKeyPairSync('rsa', { modulusLength: 2048 });
  let openId: Awaited<ReturnType<typeof startRecordingServer>>;
  let connector: Awaited<ReturnType<typeof startBotConnector>>;
  let stack: Awaited<ReturnType<typeof startTestStack>>;

  beforeAll(async () => {
    connector = await startBotConnector();
    openId = await startRecordingServer();
    openId.answerWith((req) =>
      req.path === '/keys'
        ? {
            body: {
              keys: [
                { ...keys.publicKey.export({ format: 'jwk' }), kid: 'key-1', endorsements: ['msteams'] },
              ],
            },
          }
        : { body: { issuer: ISSUER, jwks_uri: `${openId.url}/keys` } },
    );
    const authentication = new ConfigurationBotFrameworkAuthentication({
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 'client-secret',
      MicrosoftAppType: 'SingleTenant',
      MicrosoftAppTenantId: TENANT,
      ToChannelFromBotLoginUrl: `https://login.microsoftonline.com/${TENANT}`,
      ToChannelFromBotOAuthScope: ISSUER,
      ToBotFromChannelTokenIssuer: ISSUER,
      OAuthUrl: 'https://api.botframework.com',
      ToBotFromChannelOpenIdMetadataUrl: `${openId.url}/openid`,
      ToBotFromEmulatorOpenIdMetadataUrl: `${openId.url}/emulator-openid`,
      CallerId: 'urn:botframework:azure',
    });
    const settings = { auth: 'app', appId: APP_ID, password: 'client-secret', tenantId: TENANT } as const;
    const channel = createBotFrameworkChannel(settings, { log: () => {}, authentication });
    stack = await startTestStack({ channels: [channel] });
  });
  afterAll(async () => {
    await stack?.stop();
    await openId?.close();
    await connector?.close();
  });

  const token = (claims: object = {}, key: KeyObject = keys.privateKey) => {
    const now = Math.floor(Date.now() / 1000);
    const payload = {
      iss: ISSUER,
      aud: APP_ID,
      serviceurl: connector.serviceUrl,
      nbf: now - 60,
      exp: now + 3600,
      ...claims,
    };
    const input = `${base64url({ alg: 'RS256', typ: 'JWT', kid: 'key-1' })}.${base64url(payload)}`;
    return `Bearer ${input}.${createSign('RSA-SHA256').update(input).sign(key).toString('base64url')}`;
  };

  it('accepts an Activity with a token signed by a Bot Framework key, for this app and this serviceUrl', async () => {
    // A user joining a team: nothing to answer, so nothing needs an outbound token either.
    const joined = activity('teams-bot-added-to-team', connector.serviceUrl, {
      membersAdded: [{ id: '29:new-member' }],
    });
    expect((await post(stack.url, joined, { authorization: token() })).status).toBe(200);
  });

  it('refuses with 401, storing and sending nothing, a request without a token or with a bad one', async () => {
    const message = activity('teams-personal-message', connector.serviceUrl);
    const now = Math.floor(Date.now() / 1000);
    const refused = {
      'no token': undefined,
      'a forged signature': token({}, impostor.privateKey),
      'a token for another bot': token({ aud: '0d9e8f7a-1b2c-4d3e-8f4a-5b6c7d8e9f00' }),
      'a token for another serviceUrl': token({ serviceurl: 'https://smba.trafficmanager.net/emea/' }),
      'an expired token': token({ nbf: now - 7200, exp: now - 3600 }),
    };
    for (const [name, authorization] of Object.entries(refused)) {
      const res = await post(stack.url, message, authorization ? { authorization } : {});
      expect(res.status, name).toBe(401);
      expect((await res.json()).error.code, name).toBe('bad_signature');
    }
    const key = `botframework#${message.channelId}:${message.conversation.id}`;
    expect(await stack.services.conversations.transcript(key)).toEqual([]);
    expect(connector.requests).toEqual([]);
  });
});

function base64url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}
