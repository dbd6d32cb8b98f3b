import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { Clock } from '../common/clock/clock';
import { inListChunks } from '../database/in-list-chunks';
import { UnitOfWork } from '../database/unit-of-work';
import { FaceRegistration } from './face-registration.entity';
import { FaceRegistrationState } from './face-registration-state';

/** The one writer of face_registration; each write joins the caller's unit of work (with its events), or stands alone. */
@Injectable()
export class FaceRegistrationWriter {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  /** A submission: the new registration, or the one it replaces, as given (its id set). */
  async submit(row: FaceRegistration): Promise<void> {
    await this.repository().save(row);
  }

  async remove(id: number): Promise<void> {
    await this.repository().delete({ id });
  }

  /** A review: the registrations (already found allowed to move) move to `target`. */
  async review(ids: number[], target: FaceRegistrationState, reviewer: string, now: Date): Promise<void> {
    for (const chunk of inListChunks(ids)) {
      await this.repository().update({ id: In(chunk) }, { state: target, reviewedAt: now, reviewedBy: reviewer, updatedAt: now });
    }
  }

  /** A terminal-side fact: every target terminal holds the person. Idempotent; false when it was not approved (any more). */
  async markProvisioned(registrationId: number): Promise<boolean> {
    const result = await this.repository().update(
      { id: registrationId, state: FaceRegistrationState.Approved },
      { state: FaceRegistrationState.Processed, updatedAt: this.clock.now(), provisioningError: null },
    );
    return (result.affected ?? 0) > 0;
  }

  /** A terminal refused the person for good: kept on the registration for the administrator. */
  async recordProvisioningFailure(registrationId: number, error: string): Promise<void> {
    await this.repository().update({ id: registrationId }, { provisioningError: error.slice(0, 500), updatedAt: this.clock.now() });
  }

  private repository() {
    return this.unitOfWork.manager().getRepository(FaceRegistration);
  }
}
