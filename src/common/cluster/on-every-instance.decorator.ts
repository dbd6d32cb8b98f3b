import { OnEvent } from '@nestjs/event-emitter';

type OnEventOptions = Parameters<typeof OnEvent>[1];

const shared = new Set<string>();

/** The name under which an event that happened on another instance of the cluster is emitted here. */
export const elsewhere = (eventName: string): string => `${eventName}@elsewhere`;

/** The events some listener wants to hear from every instance (the cluster's relay publishes them). */
export function sharedEventNames(): string[] {
  return [...shared];
}

/**
 * Subscribes a method to an event wherever in the cluster it happens: here, and on every other
 * instance (relayed through Redis, see RedisEventRelay). For what every instance keeps for itself
 * (the consoles' live view, the face index, the record links), not for work that must run once:
 * that stays with @OnEvent or @OnDomainEvent. Alone, it is @OnEvent.
 */
export function OnEveryInstance(type: { eventName: string }, options?: OnEventOptions): MethodDecorator {
  shared.add(type.eventName);
  return (target, key, descriptor) => {
    OnEvent(type.eventName, options)(target, key, descriptor);
    // What failed here for another instance's event is logged, never thrown back at the relay.
    OnEvent(elsewhere(type.eventName), { ...options, suppressErrors: true })(target, key, descriptor);
  };
}
