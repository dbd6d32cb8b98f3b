import { Injectable } from '@nestjs/common';
import sharp from 'sharp';
import { FileStorage } from '../../common/storage/file-storage';
import { DeviceGatewayConfig } from '../../config/device-gateway.config';

/** A photo that cannot be had: `permanent` when it does not exist or is not an image. */
export class PhotoUnavailableError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'PhotoUnavailableError';
  }
}

/** Terminals work best with 300 to 500 pixel JPEGs (spec 9.1). */
const TERMINAL_EDGE = 500;
const CACHE_ENTRIES = 256;

/**
 * Photos as the terminals want them: base64 JPEG, at most 500 pixels a side. Photos this service
 * stores itself are read from disk; others are fetched over HTTP. Recent results are cached,
 * since one person goes to every terminal within moments.
 */
@Injectable()
export class TerminalPhotoSource {
  private readonly cache = new Map<string, string>();

  constructor(
    private readonly storage: FileStorage,
    private readonly config: DeviceGatewayConfig,
  ) {}

  async base64(photoUrl: string): Promise<string> {
    const cached = this.cache.get(photoUrl);
    if (cached) {
      this.cache.delete(photoUrl);
      this.cache.set(photoUrl, cached);
      return cached;
    }
    const bytes = await this.read(photoUrl);
    let jpeg: Buffer;
    try {
      jpeg = await sharp(bytes)
        .rotate()
        .resize({ width: TERMINAL_EDGE, height: TERMINAL_EDGE, fit: 'inside', withoutEnlargement: true })
        .toColourspace('srgb')
        .jpeg({ quality: 85 })
        .toBuffer();
    } catch (error) {
      throw new PhotoUnavailableError(`the photo ${photoUrl} is not an image: ${(error as Error).message}`, true);
    }
    const encoded = jpeg.toString('base64');
    this.cache.set(photoUrl, encoded);
    if (this.cache.size > CACHE_ENTRIES) this.cache.delete(this.cache.keys().next().value!);
    return encoded;
  }

  private async read(photoUrl: string): Promise<Buffer> {
    const key = this.storage.publicKeyOf(photoUrl);
    if (key) {
      try {
        return await this.storage.read('public', key);
      } catch {
        // Not ours after all (or removed): try the URL itself.
      }
    }
    let response: Response;
    try {
      response = await fetch(photoUrl, { signal: AbortSignal.timeout(this.config.timeoutMs) });
    } catch (error) {
      throw new PhotoUnavailableError(`cannot fetch the photo ${photoUrl}: ${(error as Error).message}`, false);
    }
    if (!response.ok) throw new PhotoUnavailableError(`the photo ${photoUrl} answered HTTP ${response.status}`, response.status === 404);
    return Buffer.from(await response.arrayBuffer());
  }
}
