import { ConflictError, InvalidInputError, NotFoundError } from '../../common/errors/domain-errors';

export class GroupNameTakenError extends ConflictError {}

export class GroupLimitError extends ConflictError {}

/** group_id is neither an integer nor an integer string. */
export class BadGroupIdError extends InvalidInputError {}

/** Neither group_id nor group_name came. */
export class GroupNotNamedError extends InvalidInputError {}

export class NoSuchGroupError extends NotFoundError {}

export class DefaultGroupError extends ConflictError {}
