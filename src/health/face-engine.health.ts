import { Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { FaceEngine } from '../face-registry/engine/face-engine';
import { FaceIndex } from '../face-registry/search/face-index';

/** Up when the engine answers (or is switched off on purpose) and the face index is loaded; down while they load or after the engine failed. */
@Injectable()
export class FaceEngineHealth {
  constructor(
    private readonly engine: FaceEngine,
    private readonly index: FaceIndex,
    private readonly indicators: HealthIndicatorService,
  ) {}

  check(): HealthIndicatorResult {
    const { state, detail } = this.engine.readiness();
    const session = this.indicators.check('faceEngine');
    const data = { state, detail, model: `${this.engine.model.name} ${this.engine.model.version}`, index: this.index.ready ? this.index.sizes() : 'loading' };
    return (state === 'ready' || state === 'disabled') && this.index.ready ? session.up(data) : session.down(data);
  }
}
