import { createCipheriv, createDecipheriv, createHash, createHmac, createSecretKey, KeyObject, randomBytes, timingSafeEqual } from 'node:crypto';

function keyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

/**
 * AES-256-GCM for secrets stored in the database. A sealed value names the key that sealed it
 * (`v1.<key id>.<iv>.<tag>.<ciphertext>`), so keys can be rotated: new values use the current
 * key, old ones still open with the previous key until they are sealed again.
 */
export class SecretBox {
  private readonly keys = new Map<string, Buffer>();
  private readonly currentId: string;
  /** Current and previous: the keys whose signatures count. */
  private readonly signing: Buffer[];
  private readonly purposeKeys = new Map<string, KeyObject>();

  /** `retired` opens and finds what it once sealed, but its signatures no longer count. */
  constructor(current: Buffer, previous?: Buffer, retired?: Buffer) {
    for (const key of [current, previous, retired]) {
      if (key && key.length !== 32) throw new Error('secret keys must be 32 bytes');
      if (key) this.keys.set(keyId(key), key);
    }
    this.currentId = keyId(current);
    this.signing = previous ? [current, previous] : [current];
  }

  seal(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.currentId)!, iv);
    const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return ['v1', this.currentId, iv, cipher.getAuthTag(), ciphertext]
      .map((part) => (Buffer.isBuffer(part) ? part.toString('base64url') : part))
      .join('.');
  }

  open(sealed: string): string {
    const [version, id, iv, tag, ciphertext] = sealed.split('.');
    const key = this.keys.get(id);
    if (version !== 'v1' || !key || ciphertext === undefined) {
      throw new Error(`cannot open a secret sealed with key ${id ?? '?'}: is DATA_SECRET_KEY(_PREVIOUS) set right?`);
    }
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
  }

  /**
   * A keyed hash of `text` (HMAC-SHA256 under a key derived for `purpose`), to find a sealed value
   * without storing it in clear. Stored with the current key.
   */
  lookupHash(purpose: string, text: string): string {
    return this.hmac(this.keys.get(this.currentId)!, purpose, text);
  }

  /** The hashes a stored value may carry: under the current key and, after a rotation, the previous one. */
  lookupHashes(purpose: string, text: string): string[] {
    return [...this.keys.values()].map((key) => this.hmac(key, purpose, text));
  }

  /** Whether `given` is the lookup hash of `text` under the current or the previous key (a signature). */
  verify(purpose: string, text: string, given: string): boolean {
    const offered = Buffer.from(given);
    return this.signing.some((key) => {
      const genuine = Buffer.from(this.hmac(key, purpose, text));
      return genuine.length === offered.length && timingSafeEqual(genuine, offered);
    });
  }

  /** True when the value was sealed with an older key and should be sealed again. */
  isStale(sealed: string): boolean {
    return sealed.split('.')[1] !== this.currentId;
  }

  private hmac(key: Buffer, purpose: string, text: string): string {
    return createHmac('sha256', this.derived(key, purpose)).update(text, 'utf8').digest('hex');
  }

  /** The key of one purpose, derived once (lists sign a link per row: deriving each time doubled the work). */
  private derived(key: Buffer, purpose: string): KeyObject {
    const id = `${keyId(key)}:${purpose}`;
    let derived = this.purposeKeys.get(id);
    if (!derived) {
      derived = createSecretKey(createHmac('sha256', key).update(`lookup:${purpose}`).digest());
      this.purposeKeys.set(id, derived);
    }
    return derived;
  }
}

/** Reads a 32-byte key given as 64 hex characters or as base64. */
export function parseSecretKey(text: string): Buffer {
  return /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
}

/** The SecretBox of the configured DATA_SECRET_KEY (and the previous key, after a rotation). */
export function secretBoxOf(config: { key?: string; previousKey?: string; retiredKey?: string }): SecretBox {
  const optional = (key?: string) => (key ? parseSecretKey(key) : undefined);
  return new SecretBox(parseSecretKey(config.key!), optional(config.previousKey), optional(config.retiredKey));
}
