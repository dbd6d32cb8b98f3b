import { InvalidInputError } from '../errors/domain-errors';

/** `data:image/png;base64,` and the bare `image/jpg;base64,` that some clients send. */
const IMAGE_PREFIX = /^\s*(data:)?image\/[a-z0-9.+-]+;base64,/i;
const BASE64 = /^[A-Za-z0-9+/\s]*={0,2}\s*$/;

/** The bytes of a base64 image, with or without a data-URL prefix; `what` names it in errors. */
export function decodeBase64Image(text: string, maxBytes: number, what: string): Buffer {
  const body = text.replace(IMAGE_PREFIX, '');
  if (!body.trim()) throw new InvalidInputError(`${what} is empty`);
  if (!BASE64.test(body)) throw new InvalidInputError(`${what} is not base64`);
  const bytes = Buffer.from(body, 'base64');
  if (bytes.length > maxBytes) throw new InvalidInputError(`${what} is larger than ${maxBytes} bytes`);
  return bytes;
}
