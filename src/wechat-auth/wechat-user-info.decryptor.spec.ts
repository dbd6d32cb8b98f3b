import { createCipheriv, randomBytes } from 'node:crypto';
import { UndecryptableError } from '../common/errors/domain-errors';
import { decryptUserInfo } from './wechat-user-info.decryptor';

const APPID = 'wx-test';

function encrypt(sessionKey: Buffer, iv: Buffer, plain: string): string {
  const cipher = createCipheriv('aes-128-cbc', sessionKey, iv);
  return Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]).toString('base64');
}

describe('decryptUserInfo', () => {
  const key = randomBytes(16);
  const iv = randomBytes(16);
  const info = { openId: 'o-1', nickName: '小明', watermark: { appid: APPID, timestamp: 1 } };
  const data = encrypt(key, iv, JSON.stringify(info));

  it('decrypts AES-128-CBC with the session key and checks the watermark', () => {
    expect(decryptUserInfo(data, iv.toString('base64'), key.toString('base64'), APPID)).toEqual(info);
  });

  it('restores "+" that a careless form encoder turned into spaces', () => {
    const spaced = (s: string) => s.replace(/\+/g, ' ');
    let sample = data;
    let vector = iv;
    while (!sample.includes('+')) {
      vector = randomBytes(16);
      sample = encrypt(key, vector, JSON.stringify(info));
    }
    expect(decryptUserInfo(spaced(sample), vector.toString('base64'), key.toString('base64'), APPID).openId).toBe('o-1');
  });

  it.each([
    ['another session key', () => decryptUserInfo(data, iv.toString('base64'), randomBytes(16).toString('base64'), APPID)],
    ['another mini-program', () => decryptUserInfo(data, iv.toString('base64'), key.toString('base64'), 'wx-other')],
    ['a short iv', () => decryptUserInfo(data, randomBytes(8).toString('base64'), key.toString('base64'), APPID)],
    ['non-base64 data', () => decryptUserInfo('%%%', iv.toString('base64'), key.toString('base64'), APPID)],
    ['a short session key', () => decryptUserInfo(data, iv.toString('base64'), randomBytes(8).toString('base64'), APPID)],
    ['plain text that is not JSON', () => decryptUserInfo(encrypt(key, iv, 'hello'), iv.toString('base64'), key.toString('base64'), APPID)],
    ['JSON without a watermark', () => decryptUserInfo(encrypt(key, iv, '{}'), iv.toString('base64'), key.toString('base64'), APPID)],
  ])('refuses %s', (_, attempt) => {
    expect(attempt).toThrow(UndecryptableError);
  });
});
