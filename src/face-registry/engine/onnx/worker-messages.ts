import { AnalysedFace } from '../face-engine';

/** An image for a worker; its bytes are transferred, not copied. */
export interface AnalysisRequest {
  id: number;
  bytes: Uint8Array;
}

export type WorkerMessage =
  | { type: 'ready'; loadMs: number }
  | { type: 'failed'; message: string }
  | { type: 'faces'; id: number; faces: AnalysedFace[] }
  | { type: 'error'; id: number; message: string; undecodable: boolean };
