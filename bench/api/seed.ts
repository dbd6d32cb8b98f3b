import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import sharp from 'sharp';
import { random } from '../../test/support/seeded-random';
import { chineseName, sqliteDate } from '../lib/seed-data';
import { openSeedSink } from '../lib/seed-sink';

/** Phone number of seeded row i: unique (7919 is coprime with 10^9). */
export function seededPhone(i: number): string {
  return `13${String((i * 7919 + 12345) % 1_000_000_000).padStart(9, '0')}`;
}

/** Inserts `count` registrations straight into the database; the triggers keep the search index and tallies. */
export async function seed(path: string, storageDir: string, count: number): Promise<void> {
  const photoKey = 'faces/bench/seed.jpg';
  const photoPath = join(storageDir, 'public', photoKey);
  mkdirSync(dirname(photoPath), { recursive: true });
  writeFileSync(photoPath, await sharp({ create: { width: 64, height: 64, channels: 3, background: '#888' } }).jpeg().toBuffer());

  const sink = await openSeedSink(path);
  const next = random(42);
  const start = Date.now() - 365 * 86_400_000;
  const step = (365 * 86_400_000) / count;
  for (let i = 0; i < count; i++) {
    const name = chineseName(next);
    const phone = seededPhone(i);
    const applied = sqliteDate(start + i * step + next() * step);
    const openId = `o-user-${Math.floor(next() * 5000)}`;
    await sink.add('face_registration', {
      id: i + 1,
      name,
      open_id: openId,
      tel_no: phone,
      apply_time: applied,
      state: Math.floor(next() * 4),
      photo_key: photoKey,
      card_no: phone.slice(-9),
      updated_at: applied,
    });
  }
  await sink.finish();
}
