import { OnEvent } from '@nestjs/event-emitter';
import { DomainEventClass } from '../../events';

/**
 * Subscribes a method to a domain event. Errors are not swallowed: the outbox sees them and
 * retries, so handlers must be idempotent.
 */
export function OnDomainEvent(type: DomainEventClass<any>): MethodDecorator {
  return OnEvent(type.eventName, { suppressErrors: false });
}
