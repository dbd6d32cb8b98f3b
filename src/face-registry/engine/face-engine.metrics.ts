import { Injectable } from '@nestjs/common';
import { Metrics } from '../../common/metrics/metrics';
import { FaceIndex } from '../search/face-index';
import { FaceEngine } from './face-engine';

/** The face engine in /metrics: whether it answers, and how many faces each group holds. */
@Injectable()
export class FaceEngineMetrics {
  constructor(metrics: Metrics, engine: FaceEngine, index: FaceIndex) {
    metrics.gauge('facegate_face_engine_ready', '1 when the face engine answers, 0 while it loads or after it failed (or is switched off)', [], async () => [
      [{}, engine.readiness().state === 'ready' ? 1 : 0],
    ]);
    metrics.gauge('facegate_face_index_size', 'Faces in the 1:N index, by group', ['group'], async () => Object.entries(index.sizes()).map(([group, size]) => [{ group }, size]));
  }
}
