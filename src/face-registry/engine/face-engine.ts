/** A face's box in image pixels: left, top, right, bottom. */
export type FaceBox = [number, number, number, number];
export type Point = [number, number];

export interface AnalysedFace {
  box: FaceBox;
  /** Centres of the left and right eye, nose tip, left and right mouth corner (as seen in the image). */
  landmarks: [Point, Point, Point, Point, Point];
  /** The detector's confidence, 0..1. */
  score: number;
  /** L2-normalised: the dot product of two embeddings is their cosine similarity. */
  embedding: Float32Array;
}

/** Which model made an embedding; embeddings of different models or versions are not comparable. */
export interface EmbeddingModel {
  name: string;
  version: string;
  dimensions: number;
}

export type EngineState = 'loading' | 'ready' | 'failed' | 'disabled';

export interface EngineReadiness {
  state: EngineState;
  /** Why it failed, or how loading goes. */
  detail?: string;
}

/**
 * The face engine port: finds faces with their boxes, landmarks and scores, embeds each face
 * aligned by its landmarks, and compares embeddings. A site swaps models by binding another
 * implementation of this class (see the README); everything else works on its answers.
 */
export abstract class FaceEngine {
  abstract readonly model: EmbeddingModel;

  abstract readiness(): EngineReadiness;

  /** Resolves once the engine is ready (never, when it is switched off or failed). */
  abstract whenReady(): Promise<void>;

  /**
   * Every face in an image (JPEG or PNG bytes, any size), largest first, each with its
   * embedding. Throws UnavailableError while the engine is not ready or is saturated, and
   * InvalidInputError for bytes that are not an image.
   */
  abstract analyse(image: Buffer): Promise<AnalysedFace[]>;

  /**
   * The spec's 0..1 similarity for a cosine between two of this model's embeddings (0.80 is the
   * usual match line); each model has its own calibration.
   */
  abstract score(cosine: number): number;

  /** Cosine similarity of two embeddings of this model. */
  cosine(a: Float32Array, b: Float32Array): number {
    let sum = 0;
    for (let i = 0; i < a.length; i++) sum += a[i] * b[i];
    return sum;
  }

  /** Similarity of two embeddings on the 0..1 scale. */
  compare(a: Float32Array, b: Float32Array): number {
    return this.score(this.cosine(a, b));
  }
}

/** Distance between the eyes' centres, the face's size for the quality gate. */
export function eyeDistance(face: Pick<AnalysedFace, 'landmarks'>): number {
  const [left, right] = face.landmarks;
  return Math.hypot(right[0] - left[0], right[1] - left[1]);
}
