/** Payloads of the hotel API's face events (face-registry → wechat-auth and the face index). */

/** A hotel account registered (or re-registered) its face in a group: its face authentication is bound. */
export class HotelFaceRegistered {
  static readonly eventName = 'hotel.face.registered';
  readonly faceId: number;
  readonly groupId: number;
  readonly accountId: number;
  readonly registeredAt: string;

  constructor(fields: HotelFaceRegistered) {
    Object.assign(this, fields);
  }
}

/** A hotel face is gone (its group was deleted); `accountHasFaces` says whether the account keeps any. */
export class HotelFaceRemoved {
  static readonly eventName = 'hotel.face.removed';
  readonly faceId: number;
  readonly groupId: number;
  readonly accountId: number;
  readonly accountHasFaces: boolean;
  readonly removedAt: string;

  constructor(fields: HotelFaceRemoved) {
    Object.assign(this, fields);
  }
}

/** A face group and every face in it were deleted. */
export class FaceGroupDeleted {
  static readonly eventName = 'face.group.deleted';
  readonly groupId: number;
  readonly deletedAt: string;

  constructor(fields: FaceGroupDeleted) {
    Object.assign(this, fields);
  }
}
