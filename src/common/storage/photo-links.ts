import { Injectable } from '@nestjs/common';
import { StorageConfig } from '../../config/storage.config';
import { Clock } from '../clock/clock';
import { SecretBox } from '../crypto/secret-box';

const PURPOSE = 'photo-link';
/** Expiries are rounded up to the minute, so the links of one listing are the same for a while. */
const ROUNDING_SECONDS = 60;
/** Signatures kept for one expiry at most (a minute of a busy site's lists). */
const MAX_REMEMBERED = 20_000;

export type LinkVerdict = 'valid' | 'missing' | 'expired' | 'forged';

/**
 * Face photos are biometric data: their links carry an expiry and an HMAC of key and expiry
 * (DATA_SECRET_KEY), made when the link is handed out and checked when it is fetched.
 */
@Injectable()
export class PhotoLinks {
  /** The signatures of the current expiry (lists are polled: the same rows are signed again and again). */
  private signed = { expires: 0, sigs: new Map<string, string>() };

  constructor(
    private readonly secrets: SecretBox,
    private readonly config: StorageConfig,
    private readonly clock: Clock,
  ) {}

  /** The query string that makes a link to `key` valid for PHOTO_LINK_TTL_SECONDS. */
  sign(key: string): string {
    const now = Math.floor(this.clock.now().getTime() / 1000);
    const expires = Math.ceil((now + this.config.photoLinkTtlSeconds) / ROUNDING_SECONDS) * ROUNDING_SECONDS;
    if (this.signed.expires !== expires || this.signed.sigs.size >= MAX_REMEMBERED) this.signed = { expires, sigs: new Map() };
    let sig = this.signed.sigs.get(key);
    if (sig === undefined) {
      sig = this.secrets.lookupHash(PURPOSE, `${key}:${expires}`);
      this.signed.sigs.set(key, sig);
    }
    return `expires=${expires}&sig=${sig}`;
  }

  verify(key: string, expires: unknown, sig: unknown): LinkVerdict {
    if (typeof expires !== 'string' || typeof sig !== 'string' || !/^\d{1,12}$/.test(expires)) return 'missing';
    if (!this.secrets.verify(PURPOSE, `${key}:${expires}`, sig)) return 'forged';
    return Number(expires) * 1000 < this.clock.now().getTime() ? 'expired' : 'valid';
  }
}
