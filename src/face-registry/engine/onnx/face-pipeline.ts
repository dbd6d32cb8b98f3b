import * as ort from 'onnxruntime-node';
import { AnalysedFace, FaceBox, Point } from '../face-engine';
import { align } from './face-aligner';
import { FaceDetector } from './face-detector';
import { FaceEmbedder } from './face-embedder';
import { FaceLandmarker } from './face-landmarker';
import { readModels } from './face-models';
import { decodeRgb } from './rgb-image';

export class UndecodableImageError extends Error {}

/** Detect, locate landmarks, align and embed: what one engine worker runs for each image. */
export class FacePipeline {
  private constructor(
    private readonly detector: FaceDetector,
    private readonly landmarker: FaceLandmarker,
    private readonly embedder: FaceEmbedder,
  ) {}

  /** Loads the models from `dir` with one inference thread each (the pool supplies the parallelism). */
  static async load(dir: string): Promise<FacePipeline> {
    const models = await readModels(dir);
    const options: ort.InferenceSession.SessionOptions = { intraOpNumThreads: 1, interOpNumThreads: 1, graphOptimizationLevel: 'all' };
    const [detector, landmarks, embedder] = await Promise.all([
      ort.InferenceSession.create(models.detector, options),
      ort.InferenceSession.create(models.landmarks, options),
      ort.InferenceSession.create(models.embedder, options),
    ]);
    return new FacePipeline(new FaceDetector(detector), new FaceLandmarker(landmarks), new FaceEmbedder(embedder));
  }

  /** Runs each model once, so the first real image does not pay for ONNX Runtime's lazy set-up. */
  async warmUp(): Promise<void> {
    const image = { data: Buffer.alloc(200 * 200 * 3, 128), width: 200, height: 200 };
    await this.detector.detect(image);
    await this.embedder.embed(align(image, await this.landmarker.locate(image, [50, 50, 150, 150])));
  }

  async analyse(bytes: Buffer): Promise<AnalysedFace[]> {
    const { image, scale } = await decodeRgb(bytes).catch((error: Error) => {
      throw new UndecodableImageError(`the image could not be decoded: ${error.message}`);
    });
    const detections = await this.detector.detect(image);
    const faces: AnalysedFace[] = [];
    for (const detection of detections) {
      const landmarks = await this.landmarker.locate(image, detection.box);
      const embedding = await this.embedder.embed(align(image, landmarks));
      const scaled = (p: Point): Point => [p[0] * scale, p[1] * scale];
      faces.push({
        box: detection.box.map((v) => v * scale) as FaceBox,
        landmarks: landmarks.map(scaled) as AnalysedFace['landmarks'],
        score: detection.score,
        embedding,
      });
    }
    const area = (box: FaceBox) => (box[2] - box[0]) * (box[3] - box[1]);
    return faces.sort((a, b) => area(b.box) - area(a.box));
  }
}
