import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { AppConfig } from '../../config/app.config';
import { StorageConfig } from '../../config/storage.config';

/** URL path under which the public area is served. */
export const PUBLIC_FILES_PREFIX = '/files';

/**
 * The file-storage port. Keys are relative paths such as `faces/2026/11/<uuid>.jpg`.
 * The public area is served over plain HTTP (door terminals fetch photos from it);
 * the private area never is.
 */
@Injectable()
export class FileStorage {
  readonly root: string;

  constructor(
    storage: StorageConfig,
    private readonly app: AppConfig,
  ) {
    this.root = resolve(storage.dir);
  }

  get publicDir(): string {
    return join(this.root, 'public');
  }

  publicUrl(key: string): string {
    return `${this.app.baseUrl}${PUBLIC_FILES_PREFIX}/${key}`;
  }

  /** Writes through a temporary file and a rename, so a reader never sees half a file. */
  async writePublic(key: string, data: Buffer): Promise<void> {
    const target = this.pathOf(key);
    await mkdir(dirname(target), { recursive: true });
    const temporary = `${target}.${randomUUID()}.tmp`;
    await writeFile(temporary, data);
    await rename(temporary, target);
  }

  async removePublic(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  private pathOf(key: string): string {
    const path = resolve(this.publicDir, key);
    if (!path.startsWith(this.publicDir + sep)) throw new Error(`storage key escapes the storage area: ${key}`);
    return path;
  }
}
