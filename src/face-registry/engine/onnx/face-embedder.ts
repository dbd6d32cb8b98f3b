import * as ort from 'onnxruntime-node';
import { ALIGNED_SIDE } from './face-aligner';

/** The 512-d ArcFace-style embedding of an aligned 112×112 face, L2-normalised. */
export class FaceEmbedder {
  constructor(private readonly session: ort.InferenceSession) {}

  async embed(aligned: Float32Array): Promise<Float32Array> {
    const out = await this.session.run({ input: new ort.Tensor('float32', aligned, [1, 3, ALIGNED_SIDE, ALIGNED_SIDE]) });
    const vector = Float32Array.from(out.output.data as Float32Array);
    let norm = 0;
    for (const value of vector) norm += value * value;
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < vector.length; i++) vector[i] /= norm;
    return vector;
  }
}
