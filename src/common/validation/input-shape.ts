import { InvalidInputError } from '../errors/domain-errors';

/** Deeper than any request of any protocol; deeper input would overflow the validators' recursion. */
export const MAX_DEPTH = 32;
/** More values than any request carries. */
export const MAX_VALUES = 100_000;

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
/** C0 controls but tab, line feed and carriage return; DEL. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function checkText(text: string, path: string): void {
  if (PRINTABLE_ASCII.test(text)) return;
  if (CONTROL.test(text)) throw new InvalidInputError(`${path} contains a control character`);
  if (LONE_SURROGATE.test(text)) throw new InvalidInputError(`${path} is not valid Unicode text (a lone surrogate)`);
}

/**
 * Refuses input that no client sends and that would harm what reads it: nesting deeper than
 * MAX_DEPTH, more than MAX_VALUES values, control characters or broken Unicode in any text or key,
 * and prototype keys. Walks iteratively, so a hostile depth cannot overflow the stack here.
 */
export function checkInputShape(input: unknown, name: string): void {
  const stack: [unknown, string, number][] = [[input, name, 0]];
  let values = 0;
  while (stack.length > 0) {
    const [value, path, depth] = stack.pop()!;
    if (++values > MAX_VALUES) throw new InvalidInputError(`${name} holds more than ${MAX_VALUES} values`);
    if (typeof value === 'string') {
      checkText(value, path);
      continue;
    }
    if (value === null || typeof value !== 'object' || Buffer.isBuffer(value)) continue;
    if (depth >= MAX_DEPTH) throw new InvalidInputError(`${name} is nested deeper than ${MAX_DEPTH} levels`);
    for (const [key, child] of Object.entries(value)) {
      if (PROTOTYPE_KEYS.has(key)) throw new InvalidInputError(`${path} has the key "${key}"`);
      checkText(key, `${path} key`);
      stack.push([child, Array.isArray(value) ? `${path}[${key}]` : `${path}.${key}`, depth + 1]);
    }
  }
}
