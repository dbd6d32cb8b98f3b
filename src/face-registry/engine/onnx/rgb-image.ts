import sharp from 'sharp';

/** Interleaved 8-bit RGB pixels. */
export interface RgbImage {
  data: Buffer;
  width: number;
  height: number;
}

/** Enough for faces: larger images are analysed scaled down and the answers scaled back. */
const MAX_EDGE = 1280;
const MAX_INPUT_PIXELS = 40_000_000;

/** Decodes an image upright into sRGB pixels of at most MAX_EDGE a side; `scale` maps them back to the original. */
export async function decodeRgb(bytes: Buffer): Promise<{ image: RgbImage; scale: number }> {
  const { data, info } = await sharp(bytes, { failOn: 'error', limitInputPixels: MAX_INPUT_PIXELS })
    .rotate()
    .resize({ width: MAX_EDGE, height: MAX_EDGE, fit: 'inside', withoutEnlargement: true })
    .toColourspace('srgb')
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const original = await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS }).metadata();
  const originalWidth = (original.orientation ?? 1) >= 5 ? original.height : original.width;
  return { image: { data, width: info.width, height: info.height }, scale: (originalWidth ?? info.width) / info.width };
}

/** A resized region of an image as raw pixels (`channels` 3 for RGB, 1 for grey). */
export function region(
  image: RgbImage,
  area: { left: number; top: number; width: number; height: number },
  size: { width: number; height: number },
  channels: 1 | 3,
): Promise<Buffer> {
  let pipeline = sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } })
    .extract(area)
    .resize(size.width, size.height, { fit: 'fill' });
  if (channels === 1) pipeline = pipeline.greyscale();
  return pipeline.raw().toBuffer();
}
