import { Injectable } from '@nestjs/common';
import { decodeBase64Image } from '../../common/images/base64-image';
import { StorageConfig } from '../../config/storage.config';
import { FacePhotoService } from '../../face-registry/face-photo.service';

/** Visitors' optional photos (base64 in the JSON), checked by the quality gate and stored like registration photos. */
@Injectable()
export class VisitPhotos {
  constructor(
    private readonly photos: FacePhotoService,
    private readonly storage: StorageConfig,
  ) {}

  /** Stores each non-empty photo; returns a storage key (or null) per input, in order. */
  async store(photos: (string | undefined)[], now: Date): Promise<(string | null)[]> {
    const keys: (string | null)[] = [];
    try {
      for (const [index, photo] of photos.entries()) {
        keys.push(photo?.trim() ? await this.storeOne(photo, index, now) : null);
      }
      return keys;
    } catch (error) {
      await this.discard(keys);
      throw error;
    }
  }

  async discard(keys: (string | null)[]): Promise<void> {
    await Promise.all(keys.filter((key): key is string => key !== null).map((key) => this.photos.discard(key)));
  }

  /** A signed link to hand out now, or '' without a photo. */
  url(key: string | null): string {
    return key ? this.photos.url(key) : '';
  }

  /** The URL as an event keeps it (signed when it is handed out), or ''. */
  lastingUrl(key: string | null): string {
    return key ? this.photos.lastingUrl(key) : '';
  }

  private async storeOne(photo: string, index: number, now: Date): Promise<string> {
    const who = index === 0 ? 'photo' : `retinues[${index - 1}].photo`;
    return this.photos.accept(decodeBase64Image(photo, this.storage.photoMaxBytes, who), 'visitor', now, who);
  }
}
