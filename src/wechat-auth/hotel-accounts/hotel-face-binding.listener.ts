import { Injectable } from '@nestjs/common';
import { OnDomainEvent } from '../../common/outbox/on-domain-event.decorator';
import { HotelFaceRegistered, HotelFaceRemoved } from '../../events';
import { HotelAccountWriter } from './hotel-account.writer';

/**
 * An account's face authentication (face_bound) follows its faces in face-registry: registering
 * one binds it, losing the last one (its group deleted) unbinds it. The user can unbind it too.
 */
@Injectable()
export class HotelFaceBindingListener {
  constructor(private readonly writer: HotelAccountWriter) {}

  @OnDomainEvent(HotelFaceRegistered)
  async onRegistered(event: HotelFaceRegistered): Promise<void> {
    await this.writer.change(event.accountId, { faceBound: true });
  }

  @OnDomainEvent(HotelFaceRemoved)
  async onRemoved(event: HotelFaceRemoved): Promise<void> {
    if (!event.accountHasFaces) await this.writer.change(event.accountId, { faceBound: false });
  }
}
