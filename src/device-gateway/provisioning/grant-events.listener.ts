import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OnDomainEvent } from '../../common/outbox/on-domain-event.decorator';
import { DeviceGatewayConfig } from '../../config/device-gateway.config';
import { FaceRegistrationApproved, FaceRegistrationDeleted, FaceRegistrationRejected } from '../../events';
import { ProvisioningPlanner } from './provisioning-planner.service';
import { ProvisioningWorker } from './provisioning-worker.service';

/** Turns what other modules decide about people into access grants (idempotent: events may come twice). */
@Injectable()
export class GrantEventsListener {
  constructor(
    private readonly dataSource: DataSource,
    private readonly planner: ProvisioningPlanner,
    private readonly worker: ProvisioningWorker,
    private readonly config: DeviceGatewayConfig,
  ) {}

  @OnDomainEvent(FaceRegistrationApproved)
  async onApproved(event: FaceRegistrationApproved): Promise<void> {
    const grant = await this.dataSource.transaction((manager) =>
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
  onRejected(event: FaceRegistrationRejected): Promise<void> {
    return this.revoke(event.personId);
  }

  @OnDomainEvent(FaceRegistrationDeleted)
  onDeleted(event: FaceRegistrationDeleted): Promise<void> {
    return this.revoke(event.personId);
  }

  private async revoke(personId: string): Promise<void> {
    const grant = await this.dataSource.transaction((manager) => this.planner.revoke(manager, personId));
    if (grant) void this.worker.kickAll();
  }
}
