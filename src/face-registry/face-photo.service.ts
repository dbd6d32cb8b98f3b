import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { InvalidInputError } from '../common/errors/domain-errors';
import { normaliseToJpeg } from '../common/images/jpeg';
import { FileStorage } from '../common/storage/file-storage';

/**
 * Larger photos are scaled down to what door terminals want (spec 9.1: 300 to 500 pixels), so
 * the one stored photo serves the review page, the terminals and the desktop tool as it is.
 */
const MAX_EDGE = 500;

export interface UploadedPhoto {
  buffer: Buffer;
  size: number;
}

/** Checks an uploaded face photo by its bytes, normalises it to an upright sRGB JPEG, and stores it. */
@Injectable()
export class FacePhotoService {
  private readonly logger = new Logger(FacePhotoService.name);

  constructor(private readonly storage: FileStorage) {
    // Each photo is decoded once: libvips' operation cache would only hold memory.
    sharp.cache(false);
  }

  async normalise(photo: UploadedPhoto | undefined): Promise<Buffer> {
    if (!photo) throw new InvalidInputError('a photo is required (multipart part "fileStream" or "file")');
    return normaliseToJpeg(photo.buffer, MAX_EDGE);
  }

  /** Stores a normalised photo under an unguessable name and returns its storage key. */
  async store(jpeg: Buffer, now: Date): Promise<string> {
    const month = `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
    const key = `faces/${month}/${randomUUID()}.jpg`;
    await this.storage.write('public', key, jpeg);
    return key;
  }

  url(key: string): string {
    return this.storage.publicUrl(key);
  }

  /** Best effort: a photo left behind wastes disk, it does not corrupt anything. */
  async discard(key: string): Promise<void> {
    await this.storage.remove('public', key).catch((error: Error) => {
      this.logger.warn(`could not remove photo ${key}: ${error.message}`);
    });
  }
}
