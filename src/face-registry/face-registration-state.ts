/** `Face_Register.State` of the original system; the numbers are on the wire. */
export enum FaceRegistrationState {
  Pending = 0,
  Approved = 1,
  Processed = 2,
  Rejected = 3,
}

/** The `state` filter value that means "every state". */
export const ANY_STATE = -1;
