import { Point } from '../face-engine';
import { FivePoints } from './face-landmarker';
import { RgbImage } from './rgb-image';

export const ALIGNED_SIDE = 112;
/** Where ArcFace-style models expect the five points in a 112×112 crop. */
const REFERENCE: FivePoints = [
  [38.2946, 51.6963],
  [73.5318, 51.5014],
  [56.0252, 71.7366],
  [41.5493, 92.3655],
  [70.7299, 92.2041],
];

type Affine = [number, number, number, number, number, number];

/** Least-squares similarity transform (Umeyama) taking `from` onto `to`, as [a, b, c, d, e, f]: x' = ax + by + c, y' = dx + ey + f. */
export function similarity(from: Point[], to: Point[]): Affine {
  const n = from.length;
  const centre = (points: Point[]) => [points.reduce((s, p) => s + p[0], 0) / n, points.reduce((s, p) => s + p[1], 0) / n];
  const [fx, fy] = centre(from);
  const [tx, ty] = centre(to);
  let dot = 0;
  let cross = 0;
  let norm = 0;
  for (let i = 0; i < n; i++) {
    const ux = from[i][0] - fx;
    const uy = from[i][1] - fy;
    const vx = to[i][0] - tx;
    const vy = to[i][1] - ty;
    dot += ux * vx + uy * vy;
    cross += ux * vy - uy * vx;
    norm += ux * ux + uy * uy;
  }
  const cos = dot / norm;
  const sin = cross / norm;
  return [cos, -sin, tx - (cos * fx - sin * fy), sin, cos, ty - (sin * fx + cos * fy)];
}

/** The face warped onto the reference points: a 112×112 planar RGB tensor, (x−127)/128, bilinear, black outside the image. */
export function align(image: RgbImage, points: FivePoints): Float32Array {
  const [a, b, c, d, e, f] = similarity(points, REFERENCE);
  const det = a * e - b * d;
  const [ia, ib, id, ie] = [e / det, -b / det, -d / det, a / det];
  const plane = ALIGNED_SIDE * ALIGNED_SIDE;
  const out = new Float32Array(3 * plane);
  const { data, width, height } = image;
  const pixel = (x: number, y: number, channel: number) => (x < 0 || y < 0 || x >= width || y >= height ? 0 : data[(y * width + x) * 3 + channel]);
  for (let y = 0; y < ALIGNED_SIDE; y++) {
    for (let x = 0; x < ALIGNED_SIDE; x++) {
      const sx = ia * (x - c) + ib * (y - f);
      const sy = id * (x - c) + ie * (y - f);
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      const wx = sx - x0;
      const wy = sy - y0;
      for (let channel = 0; channel < 3; channel++) {
        const value =
          pixel(x0, y0, channel) * (1 - wx) * (1 - wy) +
          pixel(x0 + 1, y0, channel) * wx * (1 - wy) +
          pixel(x0, y0 + 1, channel) * (1 - wx) * wy +
          pixel(x0 + 1, y0 + 1, channel) * wx * wy;
        out[channel * plane + y * ALIGNED_SIDE + x] = (value - 127) / 128;
      }
    }
  }
  return out;
}
