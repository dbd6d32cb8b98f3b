import { ValidateIf } from 'class-validator';

/**
 * The field may be left out, but when it is sent it is validated like any other: unlike
 * `@IsOptional()`, a `null` is refused instead of reaching a column that cannot hold it.
 */
export const Omittable = (): PropertyDecorator => ValidateIf((_object, value) => value !== undefined);
