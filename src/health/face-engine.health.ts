import { Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { FaceEngine } from '../face-registry/engine/face-engine';

/** Up when the engine answers (or is switched off on purpose); down while it loads or after it failed. */
@Injectable()
export class FaceEngineHealth {
  constructor(
    private readonly engine: FaceEngine,
    private readonly indicators: HealthIndicatorService,
  ) {}

  check(): HealthIndicatorResult {
    const { state, detail } = this.engine.readiness();
    const session = this.indicators.check('faceEngine');
    const data = { state, detail, model: `${this.engine.model.name} ${this.engine.model.version}` };
    return state === 'ready' || state === 'disabled' ? session.up(data) : session.down(data);
  }
}
