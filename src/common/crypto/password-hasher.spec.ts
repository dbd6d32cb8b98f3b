import { createHash } from 'node:crypto';
import { PasswordHasher } from './password-hasher';

describe('PasswordHasher', () => {
  const hasher = new PasswordHasher();

  it('hashes with a fresh salt each time and verifies', async () => {
    const a = await hasher.hash('correct horse');
    const b = await hasher.hash('correct horse');
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await hasher.verify('correct horse', a)).toBe(true);
    expect(await hasher.verify('correct horsE', a)).toBe(false);
    expect(hasher.needsRehash(a)).toBe(false);
  });

  it("verifies the original system's unsalted MD5 and asks for a rehash", async () => {
    const md5 = createHash('md5').update('admin').digest('hex');
    expect(await hasher.verify('admin', md5)).toBe(true);
    expect(await hasher.verify('Admin', md5)).toBe(false);
    expect(await hasher.verify('admin', md5.toUpperCase())).toBe(true);
    expect(hasher.needsRehash(md5)).toBe(true);
  });

  it('refuses unknown or damaged hashes, and asks to rehash weaker parameters', async () => {
    expect(await hasher.verify('x', 'plain-text')).toBe(false);
    expect(await hasher.verify('x', 'scrypt$16384$8$1$c2FsdA==')).toBe(false);
    expect(hasher.needsRehash('scrypt$1024$8$1$c2FsdA==$aGFzaA==')).toBe(true);
  });
});
