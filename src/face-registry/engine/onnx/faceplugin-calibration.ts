/**
 * Cosine → the spec's 0..1 similarity for the faceplugin embedding, piecewise linear through
 * these anchors (measured distributions in docs/benchmarks.md): different people reached a
 * cosine of 0.42, the same person in another photo 0.61 and the same photo altered 0.85 or more,
 * so 0.50 becomes the 0.80 line and 0.85 the 1.00.
 */
const ANCHORS: [number, number][] = [
  [0, 0],
  [0.5, 0.8],
  [0.85, 1],
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
