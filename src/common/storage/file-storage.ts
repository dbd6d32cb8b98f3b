import { Injectable } from '@nestjs/common';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { AppConfig } from '../../config/app.config';
import { StorageConfig } from '../../config/storage.config';

/** URL path under which the public area is served. */
export const PUBLIC_FILES_PREFIX = '/files';

/**
 * `public` is served over plain HTTP (door terminals fetch registration photos from it);
 * `private` (faces captured by terminals) never is.
 */
export type StorageArea = 'public' | 'private';

/** The file-storage port. Keys are relative paths such as `faces/2026/11/<uuid>.jpg`. */
@Injectable()
export class FileStorage {
  readonly root: string;
  /** Directories known to exist: creating one per write costs a system call each time. */
  private readonly directories = new Set<string>();

  constructor(
    storage: StorageConfig,
    private readonly app: AppConfig,
  ) {
    this.root = resolve(storage.dir);
  }

  get publicDir(): string {
    return this.areaDir('public');
  }

  publicUrl(key: string): string {
    return `${this.app.baseUrl}${PUBLIC_FILES_PREFIX}/${key}`;
  }

  /** The key of a URL this service handed out for its public area (whatever host it named), or null. */
  publicKeyOf(url: string): string | null {
    try {
      const path = decodeURIComponent(new URL(url).pathname);
      return path.startsWith(`${PUBLIC_FILES_PREFIX}/`) ? path.slice(PUBLIC_FILES_PREFIX.length + 1) : null;
    } catch {
      return null;
    }
  }

  /**
   * Writes a file under a key nothing refers to yet: the caller stores the key (in a row) only
   * once the write has succeeded, so nobody ever reads half a file.
   */
  async write(area: StorageArea, key: string, data: Buffer): Promise<void> {
    const target = this.pathOf(area, key);
    const directory = dirname(target);
    if (!this.directories.has(directory)) await this.makeDirectory(directory);
    try {
      await writeFile(target, data);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      await this.makeDirectory(directory);
      await writeFile(target, data);
    }
  }

  read(area: StorageArea, key: string): Promise<Buffer> {
    return readFile(this.pathOf(area, key));
  }

  async remove(area: StorageArea, key: string): Promise<void> {
    await rm(this.pathOf(area, key), { force: true });
  }

  private async makeDirectory(directory: string): Promise<void> {
    await mkdir(directory, { recursive: true });
    if (this.directories.size >= 10_000) this.directories.clear();
    this.directories.add(directory);
  }

  private areaDir(area: StorageArea): string {
    return join(this.root, area);
  }

  private pathOf(area: StorageArea, key: string): string {
    const base = this.areaDir(area);
    const path = resolve(base, key);
    if (!path.startsWith(base + sep)) throw new Error(`storage key escapes the storage area: ${key}`);
    return path;
  }
}
