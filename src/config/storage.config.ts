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
}
