import { createHash, randomInt } from 'node:crypto';

/** The alphabet of `rand`: five characters handed out with each captcha. */
const RAND_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** `md5(code + rand)` in lowercase hex, the code lowercased (image codes are not case sensitive). */
export function captchaHash(code: string, rand: string): string {
  return createHash('md5').update(`${code.toLowerCase()}${rand}`, 'utf8').digest('hex');
}

export function randomRand(): string {
  return Array.from({ length: 5 }, () => RAND_ALPHABET[randomInt(RAND_ALPHABET.length)]).join('');
}

/** Five digits, as an SMS captcha. */
export function randomSmsCode(): string {
  return String(randomInt(100_000)).padStart(5, '0');
}
