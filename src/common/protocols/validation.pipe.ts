import { ValidationError, ValidationPipe } from '@nestjs/common';
import { InvalidInputError } from '../errors/domain-errors';

function flatten(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((error) => {
    const path = `${prefix}${error.property}`;
    const own = Object.values(error.constraints ?? {}).map((message) => `${path}: ${message.replace(/^\S+ /, '')}`);
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
    stopAtFirstError: true,
    exceptionFactory: (errors) => {
      const problems = flatten(errors);
      return new InvalidInputError(problems.join('; '), problems);
    },
  });
}
