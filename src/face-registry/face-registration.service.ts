import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../common/clock/clock';
import { ConflictError, InvalidInputError, NotFoundError } from '../common/errors/domain-errors';
import { Outbox } from '../common/outbox/outbox.service';
import { isUniqueViolation } from '../database/unique-violation';
import { FaceRegistrationSubmitted } from '../events';
import { FacePhotoService, UploadedPhoto } from './face-photo.service';
import { FaceRegistrationState } from './face-registration-state';
import { FaceRegistration } from './face-registration.entity';
import { aggregateKeyOf, approvedEvent, deletedEvent } from './registration-events';
import { RegistrationPolicyService } from './registration-policy.service';
import { UnitOfWork } from '../database/unit-of-work';
import { FaceRegistrationWriter } from './face-registration.writer';
import { DataSource } from 'typeorm';
import { forUpdate } from '../database/row-lock';

export interface RegistrationRequest {
  openId: string;
  name: string;
  telNo: string;
  /** Overrides the card number, which defaults to the phone number's last 9 digits. */
  cardId?: string;
  photo?: UploadedPhoto;
}

export interface RegistrationReceipt {
  registration: FaceRegistration;
  imgUrl: string;
}

const REPLACEABLE = new Set([FaceRegistrationState.Pending, FaceRegistrationState.Rejected]);

@Injectable()
export class FaceRegistrationService {
  private readonly logger = new Logger(FaceRegistrationService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
    private readonly writer: FaceRegistrationWriter,
    private readonly photos: FacePhotoService,
    private readonly policy: RegistrationPolicyService,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  /**
   * Submits a registration. One phone number holds one registration: a pending or rejected one
   * is replaced and goes back to review; an approved or processed one, or one submitted by
   * another WeChat user, is a conflict.
   */
  async register(request: RegistrationRequest): Promise<RegistrationReceipt> {
    if (!request.photo) throw new InvalidInputError('a photo is required (multipart part "fileStream" or "file")');
    const now = this.clock.now();
    const photoKey = await this.photos.accept(request.photo.buffer, 'registration', now);
    let replacedPhotoKey: string | undefined;
    let registration: FaceRegistration;
    try {
      registration = await this.unitOfWork.run(async (manager) => {
        const repository = manager.getRepository(FaceRegistration);
        // Held until the submission is written: a review at the same moment moves it before or after, never under it.
        const existing = await repository.findOne({ where: { telNo: request.telNo }, lock: forUpdate(this.dataSource) });
        if (existing) this.assertReplaceable(existing, request.openId);
        const { reviewRequired } = await this.policy.get(manager);
        const row = existing ?? repository.create({ telNo: request.telNo, openId: request.openId });
        replacedPhotoKey = existing?.photoKey;
        Object.assign(row, {
          name: request.name,
          cardNo: request.cardId ?? request.telNo.slice(-9),
          photoKey,
          applyTime: now,
          state: reviewRequired ? FaceRegistrationState.Pending : FaceRegistrationState.Approved,
          reviewedAt: reviewRequired ? null : now,
          reviewedBy: reviewRequired ? null : 'auto (review not required)',
          updatedAt: now,
        });
        await this.writer.submit(row);
        const key = aggregateKeyOf(row.id);
        await this.outbox.stage(
          manager,
          new FaceRegistrationSubmitted({
            registrationId: row.id,
            openId: row.openId,
            name: row.name,
            phone: row.telNo,
            state: row.state,
            submittedAt: now.toISOString(),
          }),
          key,
        );
        if (!reviewRequired) await this.outbox.stage(manager, approvedEvent(row, this.photos.lastingUrl(photoKey), now), key);
        return row;
      });
    } catch (error) {
      await this.photos.discard(photoKey);
      if (isUniqueViolation(error)) throw new ConflictError('this phone number was registered at the same moment');
      throw error;
    }
    if (replacedPhotoKey) await this.photos.discard(replacedPhotoKey);
    this.outbox.dispatchSoon();
    this.logger.log(`registration #${registration.id} submitted, state ${registration.state}`);
    return { registration, imgUrl: this.photos.url(registration.photoKey) };
  }

  /** Removes a registration and its photo; the device gateway takes the person off the terminals. */
  async delete(id: number, by: string): Promise<void> {
    const registration = await this.unitOfWork.run(async (manager) => {
      const repository = manager.getRepository(FaceRegistration);
      const row = await repository.findOneBy({ id });
      if (!row) throw new NotFoundError(`no registration ${id}`);
      await this.writer.remove(id);
      await this.outbox.stage(manager, deletedEvent(row, this.clock.now()), aggregateKeyOf(id));
      return row;
    });
    await this.photos.discard(registration.photoKey);
    this.outbox.dispatchSoon();
    this.logger.log(`${by} deleted registration #${id}`);
  }

  private assertReplaceable(existing: FaceRegistration, openId: string): void {
    if (!REPLACEABLE.has(existing.state)) {
      throw new ConflictError('this phone number is already registered and approved');
    }
    if (existing.openId !== openId) {
      throw new ConflictError('this phone number is registered by another WeChat user');
    }
  }
}
