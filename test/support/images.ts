import sharp from 'sharp';

/** A small synthetic photo (a gradient, so encoders have something to encode). */
function picture(width: number, height: number) {
  const pixels = Buffer.alloc(width * height * 3);
  for (let i = 0; i < width * height; i++) {
    pixels[i * 3] = (i * 7) % 256;
    pixels[i * 3 + 1] = (i * 13) % 256;
    pixels[i * 3 + 2] = (i * 17) % 256;
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } });
}

export function jpegPhoto(width = 120, height = 160): Promise<Buffer> {
  return picture(width, height).jpeg({ quality: 85 }).toBuffer();
}

export function pngPhoto(width = 120, height = 160): Promise<Buffer> {
  return picture(width, height).png().toBuffer();
}

export function gifImage(): Promise<Buffer> {
  return picture(16, 16).gif().toBuffer();
}
