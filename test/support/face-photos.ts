import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';

/** The group photos shipped by @vladmandic/face-api (a dev dependency): sample1..6.jpg. */
export function groupPhoto(sample: number): Buffer {
  return readFileSync(join(require.resolve('@vladmandic/face-api/package.json'), '..', 'demo', `sample${sample}.jpg`));
}

/** How many faces each group photo shows, counted by eye. */
export const FACES_IN_SAMPLE: Record<number, number> = { 1: 3, 2: 3, 3: 3, 4: 4, 5: 5, 6: 4 };

/**
 * Where the frontal faces are in the group photos (left, top, right, bottom), read off the photos
 * once; a crop around one is a single-face photo of one person.
 */
export const PEOPLE = {
  s1a: [1464, 215, 1679, 428],
  s1b: [831, 430, 1033, 651],
  s1c: [417, 358, 600, 595],
  s3a: [1076, 194, 1299, 502],
  s3b: [589, 330, 789, 607],
  s4a: [662, 63, 849, 314],
  s4b: [264, 195, 424, 447],
  s5a: [1413, 381, 1593, 659],
  s6a: [1482, 260, 1700, 554],
  s6b: [252, 484, 467, 761],
  s6c: [1173, 310, 1362, 581],
} as const;

export type Person = keyof typeof PEOPLE;

const sampleOf = (person: Person) => Number(person[1]);

/** The person's face with `margin` (share of the face's width) around it, within the photo, as a sharp pipeline. */
async function crop(person: Person, margin: number): Promise<sharp.Sharp> {
  const photo = groupPhoto(sampleOf(person));
  const { width, height } = await sharp(photo).metadata();
  const [left, top, right, bottom] = PEOPLE[person];
  const m = Math.round((right - left) * margin);
  const [x0, y0] = [Math.max(0, left - m), Math.max(0, top - m)];
  const [x1, y1] = [Math.min(width!, right + m), Math.min(height!, bottom + m)];
  return sharp(photo).extract({ left: x0, top: y0, width: x1 - x0, height: y1 - y0 });
}

/** A single-face JPEG of the person, scaled to `width` pixels. */
export async function facePhoto(person: Person, width = 500, margin = 0.4): Promise<Buffer> {
  return (await crop(person, margin)).resize(width).jpeg({ quality: 90 }).toBuffer();
}

/** The same face mirrored, cropped differently, scaled to `width` and re-encoded at JPEG quality 60. */
export async function alteredFacePhoto(person: Person, width = 300, margin = 0.6): Promise<Buffer> {
  return (await crop(person, margin)).flop().resize(width).jpeg({ quality: 60 }).toBuffer();
}

/** Two people side by side in one photo. */
export async function twoFacePhoto(a: Person, b: Person): Promise<Buffer> {
  const [left, right] = await Promise.all([facePhoto(a, 300), facePhoto(b, 300)]);
  const height = Math.max((await sharp(left).metadata()).height!, (await sharp(right).metadata()).height!);
  return sharp({ create: { width: 600, height, channels: 3, background: '#808080' } })
    .composite([{ input: left, left: 0, top: 0 }, { input: right, left: 300, top: 0 }])
    .jpeg()
    .toBuffer();
}

/** A photo with no face: a grey wall. */
export function wallPhoto(): Promise<Buffer> {
  return sharp({ create: { width: 400, height: 400, channels: 3, background: '#9a9a9a' } }).jpeg().toBuffer();
}
