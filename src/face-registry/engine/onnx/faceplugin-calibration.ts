/**
 * Cosine → the spec's 0..1 similarity for the faceplugin embedding, piecewise linear through
 * these anchors (measured distributions in docs/benchmarks.md): different people stay below a
 * cosine of 0.41, the same face in other photos lands above 0.6, so 0.45 becomes the 0.80 line.
 */
const ANCHORS: [number, number][] = [
  [0, 0],
  [0.45, 0.8],
  [0.8, 1],
];

export function facepluginScore(cosine: number): number {
  if (cosine <= ANCHORS[0][0]) return 0;
  for (let i = 1; i < ANCHORS.length; i++) {
    const [x1, y1] = ANCHORS[i];
    if (cosine <= x1) {
      const [x0, y0] = ANCHORS[i - 1];
      return y0 + ((cosine - x0) / (x1 - x0)) * (y1 - y0);
    }
  }
  return 1;
}
