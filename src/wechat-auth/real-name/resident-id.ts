import { Gender } from './real-name-record.entity';

/** Province codes of the first two digits (GB/T 2260): mainland, Taiwan, Hong Kong, Macao. */
const PROVINCES = new Set([11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82]);
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_DIGITS = '10X98765432';

/** What an 18-character resident ID number (GB 11643) says of its holder. */
export interface ResidentId {
  /** Upper-case X. */
  number: string;
  birthDate: { year: number; month: number; day: number };
  gender: Gender;
}

/** The ISO 7064 MOD 11-2 check character of the first 17 digits. */
export function checkCharacter(first17: string): string {
  const sum = [...first17].reduce((total, digit, i) => total + Number(digit) * WEIGHTS[i], 0);
  return CHECK_DIGITS[sum % 11];
}

/**
 * Reads a resident ID number, or says why it is not one: 17 digits and a check character, a
 * province that exists, a birth date that exists (from 1900, not in the future), and the
 * check character that the other 17 digits give.
 */
export function parseResidentId(text: string, today: Date): ResidentId | string {
  const number = text.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(number)) return 'must be 17 digits and a check digit or X';
  // The messages never repeat the number's digits: they are personal data, and error messages get logged.
  if (!PROVINCES.has(Number(number.slice(0, 2)))) return 'has an unknown province code';
  const [year, month, day] = [number.slice(6, 10), number.slice(10, 12), number.slice(12, 14)].map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return 'has a birth date that does not exist';
  if (date.getTime() > today.getTime()) return 'has a birth date in the future';
  if (checkCharacter(number.slice(0, 17)) !== number[17]) return 'has a wrong check digit';
  return { number, birthDate: { year, month, day }, gender: Number(number[16]) % 2 === 1 ? 'male' : 'female' };
}

/** 330106********1234: the region and the last four, enough to tell records apart. */
export function maskResidentId(number: string): string {
  return number.length === 18 ? `${number.slice(0, 6)}********${number.slice(14)}` : '*'.repeat(number.length);
}
