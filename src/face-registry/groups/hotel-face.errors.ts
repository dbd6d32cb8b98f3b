import { NotFoundError } from '../../common/errors/domain-errors';

/** The account has no usable face bound (none registered, unbound in user info, or its photo lost). */
export class NoFaceAuthenticationError extends NotFoundError {}
