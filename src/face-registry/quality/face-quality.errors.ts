import { InvalidInputError } from '../../common/errors/domain-errors';

/** A stored photo must show exactly one face, large enough for a door terminal to enrol. */
export class FaceQualityError extends InvalidInputError {}

export class NoFaceError extends FaceQualityError {}

export class SeveralFacesError extends FaceQualityError {}

export class FaceTooSmallError extends FaceQualityError {}
