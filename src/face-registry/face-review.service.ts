import { Injectable, Logger } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { Clock } from '../common/clock/clock';
import { NothingChangedError } from '../common/errors/domain-errors';
import { Outbox } from '../common/outbox/outbox.service';
import { FacePhotoService } from './face-photo.service';
import { FaceRegistrationState } from './face-registration-state';
import { FaceRegistration } from './face-registration.entity';
import { aggregateKeyOf, approvedEvent, rejectedEvent } from './registration-events';
import { forUpdate } from '../database/row-lock';
import { UnitOfWork } from '../database/unit-of-work';
import { FaceRegistrationWriter } from './face-registration.writer';

/** The moves a review may make; a processed registration (on the terminals) is final. */
const ALLOWED_MOVES: Record<FaceRegistrationState, FaceRegistrationState[]> = {
  [FaceRegistrationState.Pending]: [FaceRegistrationState.Approved, FaceRegistrationState.Rejected],
  [FaceRegistrationState.Approved]: [FaceRegistrationState.Rejected, FaceRegistrationState.Processed],
  [FaceRegistrationState.Rejected]: [FaceRegistrationState.Approved],
  [FaceRegistrationState.Processed]: [],
};

export interface ReviewOutcome {
  changed: number[];
  unchanged: number[];
  unknown: number[];
}

/** Review of registrations, used by admin-review (approve.do) through this exported service. */
@Injectable()
export class FaceReviewService {
  private readonly logger = new Logger(FaceReviewService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
    private readonly writer: FaceRegistrationWriter,
    private readonly photos: FacePhotoService,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  /** Moves each registration to `target` where allowed; throws NothingChangedError when none moved. */
  async review(ids: number[], target: FaceRegistrationState, reviewer: string): Promise<ReviewOutcome> {
    const wanted = [...new Set(ids)];
    const now = this.clock.now();
    const outcome = await this.unitOfWork.run(async (manager) => {
      const repository = manager.getRepository(FaceRegistration);
      // Held until the move is written: two reviews of the same registration at once move it once.
      const rows = await repository.find({ where: { id: In(wanted) }, lock: forUpdate(this.dataSource) });
      const found = new Set(rows.map((row) => row.id));
      const result: ReviewOutcome = { changed: [], unchanged: [], unknown: wanted.filter((id) => !found.has(id)) };
      const moving = rows.filter((row) => ALLOWED_MOVES[row.state as FaceRegistrationState].includes(target));
      const moved = new Set(moving.map((row) => row.id));
      result.unchanged = rows.filter((row) => !moved.has(row.id)).map((row) => row.id);
      result.changed = moving.map((row) => row.id);
      await this.writer.review(result.changed, target, reviewer, now);
      const event =
        target === FaceRegistrationState.Approved
          ? (row: FaceRegistration) => approvedEvent(row, this.photos.lastingUrl(row.photoKey), now)
          : target === FaceRegistrationState.Rejected
            ? (row: FaceRegistration) => rejectedEvent(row, now)
            : null;
      if (event) await this.outbox.stageAll(manager, moving.map((row) => [event(row), aggregateKeyOf(row.id)]));
      return result;
    });
    if (outcome.changed.length === 0) {
      const reasons = [
        outcome.unknown.length ? `unknown ids ${outcome.unknown.join(',')}` : '',
        outcome.unchanged.length ? `ids ${outcome.unchanged.join(',')} cannot move to state ${target}` : '',
      ];
      throw new NothingChangedError(`no registration changed: ${reasons.filter(Boolean).join('; ')}`, outcome);
    }
    this.outbox.dispatchSoon();
    this.logger.log(`${reviewer} moved registrations ${outcome.changed.join(',')} to state ${target}`);
    return outcome;
  }
}
