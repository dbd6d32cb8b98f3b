import { parentPort, workerData } from 'node:worker_threads';
import { FacePipeline, UndecodableImageError } from './face-pipeline';
import { AnalysisRequest, WorkerMessage } from './worker-messages';

/** An engine worker: loads the models, warms them up, then analyses one image at a time. */
async function main(): Promise<void> {
  const port = parentPort!;
  const post = (message: WorkerMessage, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
  const started = performance.now();
  let pipeline: FacePipeline;
  try {
    pipeline = await FacePipeline.load((workerData as { modelsDir: string }).modelsDir);
    await pipeline.warmUp();
  } catch (error) {
    post({ type: 'failed', message: (error as Error).message });
    return;
  }
  post({ type: 'ready', loadMs: performance.now() - started });
  port.on('message', (request: AnalysisRequest) => {
    pipeline.analyse(Buffer.from(request.bytes)).then(
      (faces) => post({ type: 'faces', id: request.id, faces }, faces.map((face) => face.embedding.buffer as ArrayBuffer)),
      (error: Error) => post({ type: 'error', id: request.id, message: error.message, undecodable: error instanceof UndecodableImageError }),
    );
  });
}

void main();
