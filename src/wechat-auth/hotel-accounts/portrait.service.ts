import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { Repository } from 'typeorm';
import { decodeBase64Image } from '../../common/images/base64-image';
import { normaliseToJpeg } from '../../common/images/jpeg';
import { FileStorage } from '../../common/storage/file-storage';
import { StorageConfig } from '../../config/storage.config';
import { HotelAccount } from './hotel-account.entity';
import { HotelAccountWriter } from './hotel-account.writer';

const MAX_EDGE = 640;

/** Shapes only: there are no fonts to draw text with. */
const DEFAULT_PORTRAIT_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256"><rect width="256" height="256" fill="#dfe3e8"/>' +
  '<circle cx="128" cy="100" r="48" fill="#9aa5b1"/><path d="M40 240c8-52 44-80 88-80s80 28 88 80z" fill="#9aa5b1"/></svg>';
const ERROR_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256"><rect width="256" height="256" fill="#fdecea"/>' +
  '<circle cx="128" cy="128" r="84" fill="none" stroke="#d93025" stroke-width="16"/>' +
  '<path d="M92 92l72 72M164 92l-72 72" stroke="#d93025" stroke-width="16" stroke-linecap="round"/></svg>';

export type PortraitKind = 'uploaded' | 'default' | 'error';

/** The portrait could not be stored. */
export class PortraitStorageError extends Error {}

/** Portraits of hotel accounts: uploaded as base64, checked and kept as JPEG; a default one and an error picture otherwise. */
@Injectable()
export class PortraitService {
  private readonly logger = new Logger(PortraitService.name);
  private readonly pictures = new Map<'default' | 'error', Promise<Buffer>>();

  constructor(
    @InjectRepository(HotelAccount) private readonly accounts: Repository<HotelAccount>,
    private readonly storage: FileStorage,
    private readonly config: StorageConfig,
    private readonly writer: HotelAccountWriter,
  ) {}

  /** Replaces the account's portrait (the old file goes once the new one is in place). */
  async upload(account: HotelAccount, base64: string): Promise<void> {
    const jpeg = await normaliseToJpeg(decodeBase64Image(base64, this.config.photoMaxBytes, 'base64'), MAX_EDGE, 'the portrait');
    const key = `portraits/${randomUUID()}.jpg`;
    await this.storage.write('private', key, jpeg).catch((error: Error) => {
      throw new PortraitStorageError(`the portrait could not be stored: ${error.message}`);
    });
    await this.writer.change(account.id, { portraitKey: key });
    if (account.portraitKey) {
      await this.storage.remove('private', account.portraitKey).catch((error: Error) => this.logger.warn(`could not remove an old portrait: ${error.message}`));
    }
  }

  /** The portrait of `username`: uploaded, the default one, or the error picture for an unknown or malformed name. */
  async of(username: string | undefined): Promise<{ kind: PortraitKind; jpeg: Buffer }> {
    const account = username && /^\d{11}$/.test(username) ? await this.accounts.findOneBy({ username }) : null;
    if (!account) return { kind: 'error', jpeg: await this.picture('error') };
    if (account.portraitKey) {
      const jpeg = await this.storage.read('private', account.portraitKey).catch(() => null);
      if (jpeg) return { kind: 'uploaded', jpeg };
      this.logger.warn(`the portrait of account #${account.id} is missing from the storage`);
    }
    return { kind: 'default', jpeg: await this.picture('default') };
  }

  private picture(kind: 'default' | 'error'): Promise<Buffer> {
    let picture = this.pictures.get(kind);
    if (!picture) {
      picture = sharp(Buffer.from(kind === 'default' ? DEFAULT_PORTRAIT_SVG : ERROR_SVG)).jpeg({ quality: 85 }).toBuffer();
      this.pictures.set(kind, picture);
    }
    return picture;
  }
}
