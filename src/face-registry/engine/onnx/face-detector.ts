import * as ort from 'onnxruntime-node';
import { FaceBox } from '../face-engine';
import { region, RgbImage } from './rgb-image';

const WIDTH = 320;
const HEIGHT = 240;
/** Below this the RFB-320 detector's candidates are mostly background. */
const MIN_SCORE = 0.65;
const MAX_OVERLAP = 0.4;

export interface Detection {
  box: FaceBox;
  score: number;
}

function overlap(a: FaceBox, b: FaceBox): number {
  const width = Math.max(0, Math.min(a[2], b[2]) - Math.max(a[0], b[0]));
  const height = Math.max(0, Math.min(a[3], b[3]) - Math.max(a[1], b[1]));
  const area = (r: FaceBox) => (r[2] - r[0]) * (r[3] - r[1]);
  const shared = width * height;
  return shared / (area(a) + area(b) - shared);
}

/**
 * The RFB-320 detector: the whole image squeezed to 320×240, (x−127)/128 per channel; it answers
 * 4420 candidates with [background, face] scores and 0..1 box corners, thinned here by
 * non-maximum suppression.
 */
export class FaceDetector {
  constructor(private readonly session: ort.InferenceSession) {}

  async detect(image: RgbImage): Promise<Detection[]> {
    const pixels = await region(image, { left: 0, top: 0, width: image.width, height: image.height }, { width: WIDTH, height: HEIGHT }, 3);
    const plane = WIDTH * HEIGHT;
    const input = new Float32Array(3 * plane);
    for (let i = 0; i < plane; i++) {
      for (let c = 0; c < 3; c++) input[c * plane + i] = (pixels[i * 3 + c] - 127) / 128;
    }
    const out = await this.session.run({ input: new ort.Tensor('float32', input, [1, 3, HEIGHT, WIDTH]) });
    const scores = out.scores.data as Float32Array;
    const boxes = out.boxes.data as Float32Array;
    const candidates: Detection[] = [];
    for (let i = 0; i < scores.length / 2; i++) {
      const score = scores[i * 2 + 1];
      if (score < MIN_SCORE) continue;
      const box: FaceBox = [
        Math.max(0, boxes[i * 4] * image.width),
        Math.max(0, boxes[i * 4 + 1] * image.height),
        Math.min(image.width, boxes[i * 4 + 2] * image.width),
        Math.min(image.height, boxes[i * 4 + 3] * image.height),
      ];
      if (box[2] - box[0] >= 4 && box[3] - box[1] >= 4) candidates.push({ box, score });
    }
    candidates.sort((a, b) => b.score - a.score);
    const kept: Detection[] = [];
    for (const candidate of candidates) {
      if (kept.every((k) => overlap(k.box, candidate.box) < MAX_OVERLAP)) kept.push(candidate);
    }
    return kept;
  }
}
