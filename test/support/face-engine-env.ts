import { waitFor } from './wait-for';
import { TestApp } from './test-app';

/** The face engine on, with one worker (the test machine has two cores and jest uses both). */
export const FACE_ENGINE_ON = { FACE_ENGINE: 'onnx', FACE_ENGINE_WORKERS: '1' };

/** Waits until /health/ready says the engine and the index are up. */
export async function engineReady(t: TestApp): Promise<void> {
  await waitFor('the face engine', async () => (await fetch(`${t.baseUrl}/health/ready`)).status === 200, 30_000);
}
