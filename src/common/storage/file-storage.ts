import { Injectable } from '@nestjs/common';
import { mkdir, readFile, realpath, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { AppConfig } from '../../config/app.config';
import { StorageConfig } from '../../config/storage.config';
import { LinkVerdict, PhotoLinks } from './photo-links';

/** URL path under which the public area is served. */
export const PUBLIC_FILES_PREFIX = '/files';

/** Face photos (registrations, visitors, hotel faces) are biometric data: only signed links serve them. */
const signed = (key: string) => key.startsWith('faces/');

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
  private readonly realAreas: Partial<Record<StorageArea, string>> = {};

  constructor(
    storage: StorageConfig,
    private readonly app: AppConfig,
    private readonly links: PhotoLinks,
  ) {
    this.root = resolve(storage.dir);
  }

  get publicDir(): string {
    return this.areaDir('public');
  }

  /** The URL of a public file, as events and grants keep it: face photos need a signature added to be fetched. */
  publicUrl(key: string): string {
    return `${this.app.baseUrl}${PUBLIC_FILES_PREFIX}/${key}`;
  }

  /** A link to hand out now: face photos are signed (valid PHOTO_LINK_TTL_SECONDS), other files are as they are. */
  linkTo(key: string): string {
    return signed(key) ? `${this.publicUrl(key)}?${this.links.sign(key)}` : this.publicUrl(key);
  }

  /** The same for a URL kept earlier (a grant's photo): this service's own files get a fresh link. */
  linkFor(url: string): string {
    const key = this.publicKeyOf(url);
    return key ? this.linkTo(key) : url;
  }

  /** Whether a request for `key` with these query parameters may be served. */
  mayServe(key: string, query: Record<string, unknown>): LinkVerdict {
    return signed(key) ? this.links.verify(key, query.expires, query.sig) : 'valid';
  }

  /**
   * The file to send for `key`, or null when there is none, or when reaching it means following a
   * symbolic link (a link placed in the storage directory must not expose what it points to).
   */
  async servablePath(area: StorageArea, key: string): Promise<string | null> {
    let path: string;
    try {
      path = this.pathOf(area, key);
      this.realAreas[area] ??= await realpath(this.areaDir(area));
      const real = await realpath(path);
      const file = await stat(real);
      return file.isFile() && real === join(this.realAreas[area]!, relative(this.areaDir(area), path)) ? real : null;
    } catch {
      return null;
    }
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
