import { DomainEventClass } from './domain-event';
import {
  FaceRegistrationApproved,
  FaceRegistrationDeleted,
  FaceRegistrationProvisioned,
  FaceRegistrationProvisioningFailed,
  FaceRegistrationRejected,
  FaceRegistrationSubmitted,
} from './face-registration.events';
import { FaceGroupDeleted, HotelFaceRegistered, HotelFaceRemoved } from './hotel-face.events';
import { VisitorAccessRevoked, VisitorSignedIn } from './visitor.events';

export * from './access-record.events';
export * from './domain-event';
export * from './face-registration.events';
export * from './hotel-face.events';
export * from './session.events';
export * from './terminal.events';
export * from './visitor.events';

/** Every event class that travels through the outbox, so it can rebuild payloads it reads back from its table. */
export const EVENT_CLASSES: DomainEventClass<any>[] = [
  FaceRegistrationSubmitted,
  FaceRegistrationApproved,
  FaceRegistrationRejected,
  FaceRegistrationProvisioned,
  FaceRegistrationProvisioningFailed,
  FaceRegistrationDeleted,
  VisitorSignedIn,
  VisitorAccessRevoked,
  HotelFaceRegistered,
  HotelFaceRemoved,
  FaceGroupDeleted,
];
