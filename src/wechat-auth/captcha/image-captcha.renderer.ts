import { Injectable } from '@nestjs/common';
import sharp from 'sharp';
import svgCaptcha from 'svg-captcha';

/** Letters and digits easy to tell apart (no 0/o, 1/l/I). */
const CHARACTERS = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A captcha picture: five distorted characters over noise lines, drawn as vector paths (no fonts needed) and rasterised to PNG. */
@Injectable()
export class ImageCaptchaRenderer {
  async render(): Promise<{ code: string; png: Buffer }> {
    const captcha = svgCaptcha.create({ size: 5, charPreset: CHARACTERS, noise: 3, color: true, background: '#f4f6f8', width: 150, height: 50 });
    return { code: captcha.text, png: await sharp(Buffer.from(captcha.data)).png().toBuffer() };
  }
}
