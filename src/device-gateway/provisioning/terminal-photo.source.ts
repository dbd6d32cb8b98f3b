import { Injectable } from '@nestjs/common';
import { bulkhead } from 'cockatiel';
import sharp from 'sharp';
import { normaliseToJpeg, TERMINAL_PHOTO_EDGE } from '../../common/images/jpeg';
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

const CACHE_ENTRIES = 256;
/** Conversions at a time: enough to stay ahead of the terminals, few enough to leave CPU for the rest. */
const CONVERSIONS = 2;

/**
 * Photos as the terminals want them: base64 JPEG, at most 500 pixels a side, kept as the bytes
 * of the base64 text, ready to go into a request body without being copied or escaped. Photos this service
 * stores itself are read from disk; others are fetched over HTTP. Recent results are cached,
 * since one person goes to every terminal within moments; the cache holds the work in progress
 * too, so terminals asking at the same moment share one conversion.
 */
@Injectable()
export class TerminalPhotoSource {
  private readonly cache = new Map<string, Promise<Buffer>>();
  private readonly conversions = bulkhead(CONVERSIONS, Number.MAX_SAFE_INTEGER);

  constructor(
    private readonly storage: FileStorage,
    private readonly config: DeviceGatewayConfig,
  ) {}

  base64(photoUrl: string): Promise<Buffer> {
    let photo = this.cache.get(photoUrl);
    if (photo) {
      this.cache.delete(photoUrl);
    } else {
      photo = this.conversions.execute(() => this.convert(photoUrl));
      photo.catch(() => this.cache.delete(photoUrl));
    }
    this.cache.set(photoUrl, photo);
    if (this.cache.size > CACHE_ENTRIES) this.cache.delete(this.cache.keys().next().value!);
    return photo;
  }

  /** Drops a photo from the cache (its person was deleted). */
  forget(photoUrl: string): void {
    this.cache.delete(photoUrl);
  }

  /**
   * Starts converting photos that will be needed soon, so that a terminal's next request does not
   * wait for its photo (conversion then overlaps the terminals' answers).
   */
  prefetch(photoUrls: string[]): void {
    for (const url of photoUrls) this.base64(url).catch(() => undefined);
  }

  private async convert(photoUrl: string): Promise<Buffer> {
    const bytes = await this.read(photoUrl);
    let jpeg: Buffer;
    try {
      jpeg = (await this.fitsAsItIs(bytes)) ? bytes : await normaliseToJpeg(bytes, TERMINAL_PHOTO_EDGE, `the photo ${photoUrl}`);
    } catch (error) {
      throw new PhotoUnavailableError(`the photo ${photoUrl} is not an image: ${(error as Error).message}`, true);
    }
    return Buffer.from(jpeg.toString('base64'), 'latin1');
  }

  /** Registration photos are stored terminal-ready (upright sRGB JPEG, at most 500 px): no need to encode them again. */
  private async fitsAsItIs(bytes: Buffer): Promise<boolean> {
    const meta = await sharp(bytes).metadata();
    return (
      meta.format === 'jpeg' &&
      (meta.width ?? Infinity) <= TERMINAL_PHOTO_EDGE &&
      (meta.height ?? Infinity) <= TERMINAL_PHOTO_EDGE &&
      (meta.orientation ?? 1) === 1 &&
      meta.space === 'srgb'
    );
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
