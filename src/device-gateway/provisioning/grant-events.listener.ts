import { Injectable } from '@nestjs/common';
import { OnDomainEvent } from '../../common/outbox/on-domain-event.decorator';
import { DeviceGatewayConfig } from '../../config/device-gateway.config';
import { FaceRegistrationApproved, FaceRegistrationDeleted, FaceRegistrationRejected } from '../../events';
import { RecordSnapshots } from '../records/record-snapshots.service';
import { AccessGrant } from './access-grant.entity';
import { ProvisioningPlanner } from './provisioning-planner.service';
import { ProvisioningWorker } from './provisioning-worker.service';
import { TerminalPhotoSource } from './terminal-photo.source';
import { UnitOfWork } from '../../database/unit-of-work';

/** Turns what other modules decide about people into access grants (idempotent: events may come twice). */
@Injectable()
export class GrantEventsListener {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly planner: ProvisioningPlanner,
    private readonly worker: ProvisioningWorker,
    private readonly config: DeviceGatewayConfig,
    private readonly photos: TerminalPhotoSource,
    private readonly snapshots: RecordSnapshots,
  ) {}

  @OnDomainEvent(FaceRegistrationApproved)
  async onApproved(event: FaceRegistrationApproved): Promise<void> {
    const grant = await this.unitOfWork.run((manager) =>
      this.planner.grant(manager, {
        personId: event.personId,
        source: 'face-registration',
        sourceId: String(event.registrationId),
        userType: this.config.provisionUserType,
        name: event.name,
        phone: event.phone,
        cardNumber: event.cardNumber,
        photoUrl: event.photoUrl,
        startTime: null,
        endTime: null,
      }),
    );
    if (grant) void this.worker.kickAll();
  }

  @OnDomainEvent(FaceRegistrationRejected)
  async onRejected(event: FaceRegistrationRejected): Promise<void> {
    await this.revoke(event.personId);
  }

  /** A deleted person also loses the faces the terminals captured of them, and their photo leaves the cache. */
  @OnDomainEvent(FaceRegistrationDeleted)
  async onDeleted(event: FaceRegistrationDeleted): Promise<void> {
    const grant = await this.revoke(event.personId);
    if (grant?.photoUrl) this.photos.forget(grant.photoUrl);
    await this.snapshots.eraseOf([event.personId]);
  }

  private async revoke(personId: string): Promise<AccessGrant | null> {
    const grant = await this.unitOfWork.run((manager) => this.planner.revoke(manager, personId));
    if (grant) void this.worker.kickAll();
    return grant;
  }
}
