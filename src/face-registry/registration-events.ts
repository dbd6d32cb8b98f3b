import { FaceRegistrationApproved, FaceRegistrationDeleted, FaceRegistrationRejected } from '../events';
import { FaceRegistration } from './face-registration.entity';

/** Events of one registration are delivered in order. */
export function aggregateKeyOf(registrationId: number): string {
  return `face-registration:${registrationId}`;
}

/** The person's id on the door terminals. */
export function personIdOf(registrationId: number): string {
  return `FR${registrationId}`;
}

export function approvedEvent(registration: FaceRegistration, photoUrl: string, at: Date): FaceRegistrationApproved {
  return new FaceRegistrationApproved({
    registrationId: registration.id,
    personId: personIdOf(registration.id),
    name: registration.name,
    phone: registration.telNo,
    cardNumber: registration.cardNo,
    photoUrl,
    approvedAt: at.toISOString(),
  });
}

export function rejectedEvent(registration: FaceRegistration, at: Date): FaceRegistrationRejected {
  return new FaceRegistrationRejected({
    registrationId: registration.id,
    personId: personIdOf(registration.id),
    rejectedAt: at.toISOString(),
  });
}

export function deletedEvent(registration: FaceRegistration, at: Date): FaceRegistrationDeleted {
  return new FaceRegistrationDeleted({
    registrationId: registration.id,
    personId: personIdOf(registration.id),
    deletedAt: at.toISOString(),
  });
}
