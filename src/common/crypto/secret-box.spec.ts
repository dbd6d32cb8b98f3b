import { randomBytes } from 'node:crypto';
import { parseSecretKey, SecretBox } from './secret-box';

describe('SecretBox', () => {
  const key = randomBytes(32);

  it('seals with a fresh IV each time and opens again', () => {
    const box = new SecretBox(key);
    const a = box.seal('123456');
    expect(a).toMatch(/^v1\.[0-9a-f]{8}\./);
    expect(a).not.toBe(box.seal('123456'));
    expect(a).not.toContain('123456');
    expect(box.open(a)).toBe('123456');
  });

  it('opens values of the previous key after a rotation and marks them stale', () => {
    const old = new SecretBox(key).seal('secret');
    const rotated = new SecretBox(randomBytes(32), key);
    expect(rotated.open(old)).toBe('secret');
    expect(rotated.isStale(old)).toBe(true);
    expect(rotated.isStale(rotated.seal('secret'))).toBe(false);
  });

  it('refuses values of an unknown key and tampered values', () => {
    const sealed = new SecretBox(key).seal('secret');
    expect(() => new SecretBox(randomBytes(32)).open(sealed)).toThrow(/DATA_SECRET_KEY/);
    const parts = sealed.split('.');
    parts[4] = Buffer.from('x' + Buffer.from(parts[4], 'base64url').toString('latin1')).toString('base64url');
    expect(() => new SecretBox(key).open(parts.join('.'))).toThrow();
  });

  it('reads keys as hex or base64, and only of 32 bytes', () => {
    expect(parseSecretKey(key.toString('hex'))).toEqual(key);
    expect(parseSecretKey(key.toString('base64'))).toEqual(key);
    expect(() => new SecretBox(randomBytes(16))).toThrow(/32 bytes/);
  });

  it('hashes for look-ups under each key it holds, deterministically, apart per purpose', () => {
    const [current, previous] = [randomBytes(32), randomBytes(32)];
    const rotated = new SecretBox(current, previous);
    const hash = rotated.lookupHash('id', '11010519491231002X');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(new SecretBox(current).lookupHash('id', '11010519491231002X')).toBe(hash);
    expect(rotated.lookupHash('other', '11010519491231002X')).not.toBe(hash);
    expect(rotated.lookupHashes('id', '11010519491231002X')).toEqual([hash, new SecretBox(previous).lookupHash('id', '11010519491231002X')]);
  });

  it('opens what a retired key sealed and finds what it hashed, but counts only the current and previous keys as signers', () => {
    const [current, previous, retired] = [randomBytes(32), randomBytes(32), randomBytes(32)];
    const old = new SecretBox(retired);
    const box = new SecretBox(current, previous, retired);
    expect(box.open(old.seal('terminal password'))).toBe('terminal password');
    expect(box.lookupHashes('id', 'x')).toContain(old.lookupHash('id', 'x'));
    expect(box.verify('link', 'photo:1', old.lookupHash('link', 'photo:1'))).toBe(false);
    expect(box.verify('link', 'photo:1', new SecretBox(previous).lookupHash('link', 'photo:1'))).toBe(true);
    expect(box.verify('link', 'photo:1', box.lookupHash('link', 'photo:1'))).toBe(true);
    expect(box.verify('link', 'photo:1', box.lookupHash('link', 'photo:2'))).toBe(false);
    expect(box.verify('link', 'photo:1', 'short')).toBe(false);
    expect(box.seal('x').split('.')[1]).toBe(new SecretBox(current).seal('y').split('.')[1]);
  });
});
