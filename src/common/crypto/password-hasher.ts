import { Injectable } from '@nestjs/common';
import { createHash, randomBytes, scrypt, ScryptOptions, timingSafeEqual } from 'node:crypto';

const KEY_LENGTH = 32;
const PARAMS: Required<Pick<ScryptOptions, 'N' | 'r' | 'p'>> = { N: 2 ** 14, r: 8, p: 1 };
const LEGACY_MD5 = /^[0-9a-f]{32}$/i;

function derive(password: string, salt: Buffer, params: { N: number; r: number; p: number }): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password, salt, KEY_LENGTH, { ...params, maxmem: 256 * params.N * params.r }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

/**
 * Salted scrypt hashes stored as `scrypt$N$r$p$salt$hash` (base64). The original system stored
 * unsalted MD5 hex; such a hash still verifies once and is then reported as needing a rehash.
 */
@Injectable()
export class PasswordHasher {
  async hash(password: string): Promise<string> {
    const salt = randomBytes(16);
    const key = await derive(password, salt, PARAMS);
    return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64'), key.toString('base64')].join('$');
  }

  async verify(password: string, stored: string): Promise<boolean> {
    if (LEGACY_MD5.test(stored)) {
      const md5 = createHash('md5').update(password, 'utf8').digest();
      return timingSafeEqual(md5, Buffer.from(stored, 'hex'));
    }
    const [scheme, n, r, p, salt, expected] = stored.split('$');
    if (scheme !== 'scrypt' || !expected) return false;
    const expectedKey = Buffer.from(expected, 'base64');
    const key = await derive(password, Buffer.from(salt, 'base64'), { N: Number(n), r: Number(r), p: Number(p) });
    return key.length === expectedKey.length && timingSafeEqual(key, expectedKey);
  }

  /** True for legacy MD5 hashes and for scrypt hashes made with weaker parameters than today's. */
  needsRehash(stored: string): boolean {
    if (LEGACY_MD5.test(stored)) return true;
    const [scheme, n, r, p] = stored.split('$');
    return scheme !== 'scrypt' || Number(n) < PARAMS.N || Number(r) < PARAMS.r || Number(p) < PARAMS.p;
  }
}
