import sharp from 'sharp';
import { InvalidInputError } from '../errors/domain-errors';

const ACCEPTED_FORMATS = new Set(['jpeg', 'png']);

/** What door terminals want (spec 9.1: 300 to 500 pixels): stored face photos are made so, and foreign ones are converted. */
export const TERMINAL_PHOTO_EDGE = 500;
/** Refuses decompression bombs before decoding them. */
const MAX_INPUT_PIXELS = 40_000_000;

/**
 * Checks that `bytes` are a JPEG or PNG image (by their content, not a name) and returns it as an
 * upright sRGB JPEG of at most `maxEdge` pixels a side (metadata such as GPS is dropped).
 */
export async function normaliseToJpeg(bytes: Buffer, maxEdge: number, what = 'the photo'): Promise<Buffer> {
  if (bytes.length === 0) throw new InvalidInputError(`${what} is empty`);
  const format = await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS })
    .metadata()
    .then((m) => m.format)
    .catch(() => undefined);
  if (!format || !ACCEPTED_FORMATS.has(format)) {
    throw new InvalidInputError(`${what} must be a JPEG or PNG image${format ? ` (got ${format})` : ''}`);
  }
  try {
    return await sharp(bytes, { failOn: 'error', limitInputPixels: MAX_INPUT_PIXELS })
      .rotate()
      .resize({ width: maxEdge, height: maxEdge, fit: 'inside', withoutEnlargement: true })
      .toColourspace('srgb')
      .jpeg({ quality: 90 })
      .toBuffer();
  } catch (error) {
    throw new InvalidInputError(`${what} could not be decoded: ${(error as Error).message}`);
  }
}
