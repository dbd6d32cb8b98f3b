import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { OnDomainEvent } from '../../common/outbox/on-domain-event.decorator';
import { HotelFaceRegistered, HotelFaceRemoved } from '../../events';
import { HotelAccount } from './hotel-account.entity';

/**
 * An account's face authentication (face_bound) follows its faces in face-registry: registering
 * one binds it, losing the last one (its group deleted) unbinds it. The user can unbind it too.
 */
@Injectable()
export class HotelFaceBindingListener {
  constructor(@InjectRepository(HotelAccount) private readonly accounts: Repository<HotelAccount>) {}

  @OnDomainEvent(HotelFaceRegistered)
  async onRegistered(event: HotelFaceRegistered): Promise<void> {
    await this.accounts.update(event.accountId, { faceBound: true });
  }

  @OnDomainEvent(HotelFaceRemoved)
  async onRemoved(event: HotelFaceRemoved): Promise<void> {
    if (!event.accountHasFaces) await this.accounts.update(event.accountId, { faceBound: false });
  }
}
