import { ValidationError, ValidationPipe } from '@nestjs/common';
import { InvalidInputError } from '../errors/domain-errors';

const REQUIRED = ['isNotEmpty', 'isDefined'];

/** One line per failed rule; a missing value reports only that it is required. */
function flatten(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((error) => {
    const path = `${prefix}${error.property}`;
    const constraints = Object.entries(error.constraints ?? {});
    const missing = error.value === undefined || error.value === null;
    const shown = missing && constraints.some(([rule]) => REQUIRED.includes(rule))
      ? constraints.filter(([rule]) => REQUIRED.includes(rule))
      : constraints;
    const own = shown.map(([, message]) => `${path}: ${message.replace(/^\S+ /, '')}`);
    return [...own, ...flatten(error.children ?? [], `${path}.`)];
  });
}

/**
 * Validates every DTO (also those of custom parameter decorators) and turns failures into an
 * InvalidInputError, which each protocol maps to its own code.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    validateCustomDecorators: true,
    forbidUnknownValues: false,
    exceptionFactory: (errors) => {
      const problems = flatten(errors);
      return new InvalidInputError(problems.join('; '), problems);
    },
  });
}
