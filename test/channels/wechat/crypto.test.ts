import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { aesKey, decrypt, encrypt, signature } from '../../../channels/wechat/crypto.js';
import { fixtureJson, fixtureText, vector } from './fixtures.js';

const freshEncodingKey = () => randomBytes(32).toString('base64').slice(0, 43);

describe('WeChat signatures (official vectors)', () => {
  it('signs URL verification as in the doc example (Token AAAAA)', () => {
    const { inputs, expected } = vector('oa_url_verification_doc_AAAAA');
    const fixture = fixtureJson('oa/url_verification.json');
    expect(signature([inputs.token!, inputs.timestamp!, inputs.nonce!])).toBe(expected.signature);
    expect(fixture.expected_signature).toBe(expected.signature);
  });

  it('signs a plain-mode push as in the doc example', () => {
    const { inputs, expected } = vector('oa_plain_push_signature_doc_AAAAA');
    expect(signature([inputs.token!, inputs.timestamp!, inputs.nonce!])).toBe(expected.signature);
  });

  it('signs the encrypted sample message (msg_signature over the Encrypt value)', () => {
    const { inputs, expected } = vector('oa_official_sample_decrypt_spamtest');
    const parts = [inputs.token!, inputs.timestamp!, inputs.nonce!, inputs.encrypt!];
    expect(signature(parts)).toBe(expected.msg_signature);
  });
});

describe('safe-mode decryption (official vectors)', () => {
  it('decrypts the Official Account sample to the fixture, byte for byte', () => {
    const { inputs, expected } = vector('oa_official_sample_decrypt_spamtest');
    const plain = decrypt(aesKey(inputs.encoding_aes_key!), inputs.encrypt!, inputs.appid!);
    expect(plain).toBe(expected.plaintext);
    expect(plain).toBe(fixtureText('oa/encrypted_compat_sample.decrypted.xml'));
    expect(fixtureText('oa/encrypted_compat_sample.request.xml')).toContain(inputs.encrypt);
  });

  it('decrypts the WeCom callback with the CorpID as receiver id', () => {
    const { inputs, expected } = vector('wecom_official_sample_decrypt_callback');
    const plain = decrypt(aesKey(inputs.encoding_aes_key!), inputs.encrypt!, inputs.corpid!);
    expect(plain).toBe(fixtureText('wecom/callback_decrypted.xml'));
    expect(plain).toBe(expected.plaintext);
    const parts = [inputs.token!, inputs.timestamp!, inputs.nonce!, inputs.encrypt!];
    expect(signature(parts)).toBe(expected.msg_signature);
  });

  it('decrypts the WeCom URL-verification echostr', () => {
    const { inputs, expected } = vector('wecom_official_sample_verify_url');
    const parts = [inputs.token!, inputs.timestamp!, inputs.nonce!, inputs.echostr!];
    expect(signature(parts)).toBe(expected.msg_signature);
    expect(decrypt(aesKey(inputs.encoding_aes_key!), inputs.echostr!, inputs.corpid!)).toBe(
      expected.response_body,
    );
  });

  it('refuses a message encrypted for another receiver', () => {
    const { inputs } = vector('oa_official_sample_decrypt_spamtest');
    expect(() => decrypt(aesKey(inputs.encoding_aes_key!), inputs.encrypt!, 'wx0000000000000000')).toThrow(
      /another receiver/,
    );
  });
});

describe('safe-mode encryption', () => {
  it.each([
    'oa_official_java_sample_aes_encrypt_fixed_random_1',
    'oa_official_java_sample_aes_encrypt_fixed_random_2',
  ])('matches the official Java sample with a fixed random (%s)', (id) => {
    const { inputs, expected } = vector(id);
    const random = Buffer.from(inputs.random16!, 'utf8');
    const key = aesKey(inputs.encoding_aes_key!);
    expect(encrypt(key, inputs.msg!, inputs.appid!, random)).toBe(expected.encrypt);
  });

  it('round-trips with freshly generated keys, ids and lengths around the 32-byte padding', () => {
    for (let length = 0; length < 70; length += 7) {
      const key = aesKey(freshEncodingKey());
      const receiver = `wx${randomBytes(8).toString('hex')}`;
      const message = `<xml><Content><![CDATA[${'问'.repeat(length)}]]></Content></xml>`;
      const sealed = encrypt(key, message, receiver);
      expect(Buffer.from(sealed, 'base64').length % 32).toBe(0);
      expect(decrypt(key, sealed, receiver)).toBe(message);
    }
  });

  it('refuses tampered ciphertext and a wrong key without crashing', () => {
    const key = aesKey(freshEncodingKey());
    const sealed = encrypt(key, 'hello', 'wx1');
    const bytes = Buffer.from(sealed, 'base64');
    bytes[bytes.length - 1]! ^= 0xff;
    expect(() => decrypt(key, bytes.toString('base64'), 'wx1')).toThrow(/cannot be read/);
    expect(() => decrypt(aesKey(freshEncodingKey()), sealed, 'wx1')).toThrow(/cannot be read/);
    expect(() => decrypt(key, 'not base64!', 'wx1')).toThrow(/cannot be read/);
    expect(() => decrypt(key, sealed.slice(0, 20), 'wx1')).toThrow(/cannot be read/);
  });

  it('accepts only 43-character EncodingAESKeys', () => {
    expect(aesKey(freshEncodingKey())).toHaveLength(32);
    expect(() => aesKey('short')).toThrow(/43 characters/);
  });
});
