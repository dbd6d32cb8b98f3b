import { IsInt, IsNotEmpty, Max, Min } from 'class-validator';
import { Env } from './env.decorator';

export class StorageConfig {
  @Env('STORAGE_DIR')
  @IsNotEmpty()
  dir = './data/storage';

  @Env('PHOTO_MAX_BYTES')
  @IsInt()
  @Min(1024)
  @Max(50 * 1024 * 1024)
  photoMaxBytes = 5 * 1024 * 1024;

  /** How long a face photo link FaceGate hands out stays valid (the desktop tool downloads after listing). */
  @Env('PHOTO_LINK_TTL_SECONDS')
  @IsInt()
  @Min(60)
  @Max(30 * 86400)
  photoLinkTtlSeconds = 86400;
}
