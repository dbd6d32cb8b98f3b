import { Injectable } from '@nestjs/common';
import { OnDomainEvent } from '../../common/outbox/on-domain-event.decorator';
import { Outbox } from '../../common/outbox/outbox.service';
import { VisitorAccessRevoked } from '../../events';

/** A deleted visit leaves no names, phones or photo links in the event outbox (its sign-in event came first). */
@Injectable()
export class VisitErasure {
  constructor(private readonly outbox: Outbox) {}

  @OnDomainEvent(VisitorAccessRevoked)
  async onRevoked(event: VisitorAccessRevoked): Promise<void> {
    await this.outbox.erasePayloads(`visit:${event.applicationId}`);
  }
}
