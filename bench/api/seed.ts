import Database from 'better-sqlite3';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import sharp from 'sharp';
import { random } from '../../test/support/seeded-random';
import { chineseName, sqliteDate } from '../lib/seed-data';

/** Phone number of seeded row i: unique (7919 is coprime with 10^9). */
export function seededPhone(i: number): string {
  return `13${String((i * 7919 + 12345) % 1_000_000_000).padStart(9, '0')}`;
}

/** Inserts `count` registrations straight into SQLite; the triggers keep the search index and tallies. */
export async function seed(path: string, storageDir: string, count: number): Promise<void> {
  const photoKey = 'faces/bench/seed.jpg';
  const photoPath = join(storageDir, 'public', photoKey);
  mkdirSync(dirname(photoPath), { recursive: true });
  writeFileSync(photoPath, await sharp({ create: { width: 64, height: 64, channels: 3, background: '#888' } }).jpeg().toBuffer());

  const db = new Database(path);
  const next = random(42);
  const insert = db.prepare(
    `INSERT INTO face_registration (name, open_id, tel_no, apply_time, state, photo_key, card_no, reviewed_at, reviewed_by, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?)`,
  );
  const start = Date.now() - 365 * 86_400_000;
  const step = (365 * 86_400_000) / count;
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const name = chineseName(next);
      const phone = seededPhone(i);
      const applied = sqliteDate(start + i * step + next() * step);
      insert.run(name, `o-user-${Math.floor(next() * 5000)}`, phone, applied, Math.floor(next() * 4), photoKey, phone.slice(-9), applied);
    }
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}
