import { UnavailableError } from '../../common/errors/domain-errors';
import { AnalysedFace, EngineReadiness, FaceEngine } from './face-engine';
import { FACEPLUGIN_MODEL } from './onnx/face-models';
import { facepluginScore } from './onnx/faceplugin-calibration';

/** FACE_ENGINE=off: nothing is loaded; whatever needs faces answers "try again later". */
export class DisabledFaceEngine extends FaceEngine {
  readonly model = FACEPLUGIN_MODEL;

  readiness(): EngineReadiness {
    return { state: 'disabled', detail: 'FACE_ENGINE=off' };
  }

  whenReady(): Promise<void> {
    return new Promise(() => undefined);
  }

  analyse(): Promise<AnalysedFace[]> {
    return Promise.reject(new UnavailableError('face analysis is switched off on this site (FACE_ENGINE=off)', 3600));
  }

  score(cosine: number): number {
    return facepluginScore(cosine);
  }
}
