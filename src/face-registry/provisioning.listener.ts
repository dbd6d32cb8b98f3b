import { Injectable, Logger } from '@nestjs/common';
import { OnDomainEvent } from '../common/outbox/on-domain-event.decorator';
import { FaceRegistrationProvisioned, FaceRegistrationProvisioningFailed } from '../events';
import { FaceRegistrationWriter } from './face-registration.writer';

/** Hears the device gateway: a person on every terminal makes the registration processed (state 2). */
@Injectable()
export class ProvisioningListener {
  private readonly logger = new Logger(ProvisioningListener.name);

  constructor(private readonly registrations: FaceRegistrationWriter) {}

  @OnDomainEvent(FaceRegistrationProvisioned)
  async onProvisioned(event: FaceRegistrationProvisioned): Promise<void> {
    if (await this.registrations.markProvisioned(event.registrationId)) {
      this.logger.log(`registration #${event.registrationId} is on every terminal: processed`);
    }
  }

  @OnDomainEvent(FaceRegistrationProvisioningFailed)
  async onProvisioningFailed(event: FaceRegistrationProvisioningFailed): Promise<void> {
    const code = event.code === null ? '' : ` (${event.code})`;
    await this.registrations.recordProvisioningFailure(event.registrationId, `terminal "${event.terminalName}" refused the person${code}: ${event.reason}`);
  }
}
