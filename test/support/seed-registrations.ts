import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import sharp from 'sharp';
import { openServiceDatabase } from './service-database';
import { sql } from './test-sql';

/** Creates the database (the file, or the PostgreSQL database) and runs every migration. */
export async function migrate(path: string): Promise<void> {
  await (await openServiceDatabase(path)).destroy();
}

/** A distinct JPEG per person: a coloured square with the person's number in its noise. */
export async function distinctPhoto(n: number, edge = 400): Promise<Buffer> {
  const pixels = Buffer.alloc(edge * edge * 3);
  for (let i = 0; i < pixels.length; i++) pixels[i] = ((i * 2654435761 + n * 97) >>> 24) & 0xff;
  return sharp(pixels, { raw: { width: edge, height: edge, channels: 3 } }).jpeg({ quality: 80 }).toBuffer();
}

/**
 * A migrated database holding `count` pending registrations (ids 1..count) with their photos in
 * the storage area, as the mini-program would have left them: ready for approve.do.
 */
export async function seedPendingRegistrations(dbPath: string, storageDir: string, count: number, photoEdge = 400): Promise<void> {
  const db = await openServiceDatabase(dbPath);
  const now = new Date().toISOString().replace('T', ' ').replace('Z', '');
  try {
    await db.transaction(async (manager) => {
      for (let n = 0; n < count; n++) {
        const key = `faces/seeded/${n}.jpg`;
        mkdirSync(dirname(join(storageDir, 'public', key)), { recursive: true });
        writeFileSync(join(storageDir, 'public', key), await distinctPhoto(n, photoEdge));
        const phone = `139${String(n).padStart(8, '0')}`;
        await sql(
          manager,
          `INSERT INTO face_registration (name, open_id, tel_no, apply_time, state, photo_key, card_no, reviewed_at, reviewed_by, updated_at)
           VALUES (?, ?, ?, ?, 0, ?, ?, NULL, NULL, ?)`,
          [`Person ${n}`, `o-${n}`, phone, now, key, phone.slice(-9), now],
        );
      }
    });
  } finally {
    await db.destroy();
  }
}
