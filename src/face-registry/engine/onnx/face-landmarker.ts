import * as ort from 'onnxruntime-node';
import { FaceBox, Point } from '../face-engine';
import { region, RgbImage } from './rgb-image';

const SIDE = 64;
/** Each pass re-centres the crop on the previous pass's points: two passes steady the alignment markedly. */
const REFINEMENTS = 2;
/** The refined crop's side, relative to the 68 points' extent. */
const CROP_MARGIN = 1.2;

export type FivePoints = [Point, Point, Point, Point, Point];

/** The 68-point landmark model on a 64×64 grey crop (x/256); the five alignment points are taken from it. */
export class FaceLandmarker {
  constructor(private readonly session: ort.InferenceSession) {}

  async locate(image: RgbImage, box: FaceBox): Promise<FivePoints> {
    let points = await this.points68(image, (box[0] + box[2]) / 2, (box[1] + box[3]) / 2, box[3] - box[1]);
    for (let pass = 0; pass < REFINEMENTS; pass++) {
      const xs = points.map((p) => p[0]);
      const ys = points.map((p) => p[1]);
      const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
      points = await this.points68(image, (minX + maxX) / 2, (minY + maxY) / 2, Math.max(maxX - minX, maxY - minY) * CROP_MARGIN);
    }
    const mean = (indices: number[]): Point => [
      indices.reduce((sum, i) => sum + points[i][0], 0) / indices.length,
      indices.reduce((sum, i) => sum + points[i][1], 0) / indices.length,
    ];
    // iBUG 68: eyelids 37-41 / 43-47, nose tip 30, mouth corners 48/60 and 54/64.
    return [mean([37, 38, 40, 41]), mean([43, 44, 46, 47]), points[30], mean([48, 60]), mean([54, 64])];
  }

  private async points68(image: RgbImage, centreX: number, centreY: number, size: number): Promise<Point[]> {
    const left = Math.max(0, Math.min(Math.round(centreX - size / 2), image.width - 2));
    const top = Math.max(0, Math.min(Math.round(centreY - size / 2), image.height - 2));
    const side = Math.max(2, Math.min(Math.round(size), image.width - left, image.height - top));
    const grey = await region(image, { left, top, width: side, height: side }, { width: SIDE, height: SIDE }, 1);
    const input = new Float32Array(SIDE * SIDE);
    for (let i = 0; i < input.length; i++) input[i] = grey[i] / 256;
    const out = await this.session.run({ input: new ort.Tensor('float32', input, [1, 1, SIDE, SIDE]) });
    const values = out.output.data as Float32Array;
    const points: Point[] = [];
    for (let i = 0; i < 68; i++) points.push([values[i * 2] * side + left, values[i * 2 + 1] * side + top]);
    return points;
  }
}
