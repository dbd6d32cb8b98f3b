import { createDecipheriv } from 'node:crypto';
import { UndecryptableError } from '../common/errors/domain-errors';

/** What `wx.getUserInfo` encrypts (field names as WeChat sends them). */
export interface WechatUserInfo {
  openId?: string;
  unionId?: string;
  nickName?: string;
  avatarUrl?: string;
  watermark?: { appid?: string; timestamp?: number };
}

/**
 * Form-encoded clients that forget to escape '+' turn it into a space; base64 never contains
 * spaces, so restoring them is safe.
 */
function base64(value: string, what: string): Buffer {
  const normalised = value.replace(/ /g, '+').replace(/\s/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(normalised)) throw new UndecryptableError(`${what} is not base64`);
  return Buffer.from(normalised, 'base64');
}

/**
 * Decrypts `encryptedData` (AES-128-CBC, PKCS#7 padding, key = session_key, iv) and checks that
 * its watermark names this mini-program.
 */
export function decryptUserInfo(encryptedData: string, iv: string, sessionKey: string, appId: string): WechatUserInfo {
  const key = base64(sessionKey, 'session_key');
  const vector = base64(iv, 'iv');
  if (key.length !== 16) throw new UndecryptableError('session_key is not a 16-byte key');
  if (vector.length !== 16) throw new UndecryptableError('iv must be 16 bytes');
  let plain: string;
  try {
    const decipher = createDecipheriv('aes-128-cbc', key, vector);
    plain = Buffer.concat([decipher.update(base64(encryptedData, 'encryptedData')), decipher.final()]).toString('utf8');
  } catch (error) {
    if (error instanceof UndecryptableError) throw error;
    throw new UndecryptableError('encryptedData does not decrypt with this session');
  }
  let info: WechatUserInfo;
  try {
    info = JSON.parse(plain) as WechatUserInfo;
  } catch {
    throw new UndecryptableError('encryptedData does not hold JSON');
  }
  if (info?.watermark?.appid !== appId) throw new UndecryptableError('encryptedData was made for another mini-program');
  return info;
}
