import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { normaliseToJpeg, TERMINAL_PHOTO_EDGE } from '../common/images/jpeg';
import { FileStorage } from '../common/storage/file-storage';
import { FaceEmbeddings, FaceSubject } from './embeddings/face-embeddings.service';
import { FaceQualityGate } from './quality/face-quality-gate';

export interface UploadedPhoto {
  buffer: Buffer;
  size: number;
}

/**
 * Stored face photos: checked by their bytes, normalised to an upright sRGB JPEG, passed through
 * the quality gate, and stored with their embedding row.
 */
@Injectable()
export class FacePhotoService {
  private readonly logger = new Logger(FacePhotoService.name);

  constructor(
    private readonly storage: FileStorage,
    private readonly gate: FaceQualityGate,
    private readonly embeddings: FaceEmbeddings,
  ) {
    // Each photo is decoded once: libvips' operation cache would only hold memory.
    sharp.cache(false);
  }

  /**
   * Stores a face photo under an unguessable name and returns its storage key; `what` names it
   * in errors. Nothing is stored when it is refused. `oneFace` demands exactly one face even with
   * the gate off (the hotel API's own rule).
   */
  async accept(bytes: Buffer, subject: FaceSubject, now: Date, what = 'the photo', oneFace = false): Promise<string> {
    // Scaled to what terminals want, so the one stored photo serves the review page, the terminals and the desktop tool as it is.
    const jpeg = await normaliseToJpeg(bytes, TERMINAL_PHOTO_EDGE, what);
    const faces = oneFace || this.gate.enabled ? await this.gate.inspect(jpeg, what, this.gate.enabled) : null;
    const month = `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
    const key = `faces/${month}/${randomUUID()}.jpg`;
    await this.storage.write('public', key, jpeg);
    try {
      await this.embeddings.add(key, subject, faces, now);
    } catch (error) {
      await this.removeFile(key);
      throw error;
    }
    return key;
  }

  /** A link to hand to a client now: signed, valid PHOTO_LINK_TTL_SECONDS. */
  url(key: string): string {
    return this.storage.linkTo(key);
  }

  /** The photo's URL as events and grants keep it; whoever hands it out later signs it then. */
  lastingUrl(key: string): string {
    return this.storage.publicUrl(key);
  }

  read(key: string): Promise<Buffer> {
    return this.storage.read('public', key);
  }

  /** Best effort: a photo left behind wastes disk, it does not corrupt anything. */
  async discard(key: string): Promise<void> {
    await this.embeddings.remove([key]).catch((error: Error) => {
      this.logger.warn(`could not remove the embedding of photo ${key}: ${error.message}`);
    });
    await this.removeFile(key);
  }

  private async removeFile(key: string): Promise<void> {
    await this.storage.remove('public', key).catch((error: Error) => {
      this.logger.warn(`could not remove photo ${key}: ${error.message}`);
    });
  }
}
