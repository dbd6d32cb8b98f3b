import { Injectable } from '@nestjs/common';
import { OnDomainEvent } from '../common/outbox/on-domain-event.decorator';
import { Outbox } from '../common/outbox/outbox.service';
import { FaceRegistrationDeleted } from '../events';
import { aggregateKeyOf } from './registration-events';

/**
 * A deleted registration leaves no personal data behind in the event outbox: its earlier events
 * (name, phone, photo link) are delivered by now, since one aggregate's events arrive in order.
 */
@Injectable()
export class RegistrationErasure {
  constructor(private readonly outbox: Outbox) {}

  @OnDomainEvent(FaceRegistrationDeleted)
  async onDeleted(event: FaceRegistrationDeleted): Promise<void> {
    await this.outbox.erasePayloads(aggregateKeyOf(event.registrationId));
  }
}
