import { DomainEventClass } from './domain-event';
import {
  FaceRegistrationApproved,
  FaceRegistrationProvisioned,
  FaceRegistrationRejected,
  FaceRegistrationSubmitted,
} from './face-registration.events';

export * from './domain-event';
export * from './face-registration.events';

/** Every event class, so the outbox can rebuild payloads it reads back from its table. */
export const EVENT_CLASSES: DomainEventClass<any>[] = [
  FaceRegistrationSubmitted,
  FaceRegistrationApproved,
  FaceRegistrationRejected,
  FaceRegistrationProvisioned,
];
