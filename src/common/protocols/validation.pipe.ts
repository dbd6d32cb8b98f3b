import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { validateSync, ValidatorOptions } from 'class-validator';
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

/** Inputs remembered per DTO class at most, and the longest remembered (as JSON). */
const REMEMBERED = 1000;
const LONGEST = 2048;

type Flat = Record<string, string | number | boolean | null | undefined>;

/** A plain object of plain values only: nothing in it can be changed through a copy of it. */
function isFlat(value: unknown): value is Flat {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  return Object.values(value).every((item) => item === null || ['string', 'number', 'boolean', 'undefined'].includes(typeof item));
}

const copyOf = <T extends object>(instance: T): T => Object.assign(Object.create(Object.getPrototypeOf(instance)), instance);

/**
 * No DTO has an asynchronous rule, so the synchronous validator does the same work without a
 * promise per rule and per property. And an input seen before gets the answer it got then: the
 * same flat fields (the desktop tool polls getfaces.do with the same ones every few seconds)
 * transform and validate the same way, so the valid ones are remembered, per DTO class and
 * bounded, and handed out as copies. Validation (class-transformer and class-validator) had become
 * the largest single cost of that request.
 */
class SyncValidationPipe extends ValidationPipe {
  private readonly remembered = new WeakMap<object, Map<string, object>>();

  protected override validate(object: object, validatorOptions?: ValidatorOptions): ValidationError[] {
    return validateSync(object, validatorOptions);
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const metatype = metadata.metatype;
    const json = metatype && this.toValidate(metadata) && isFlat(value) ? JSON.stringify(value) : undefined;
    if (!metatype || json === undefined || json.length > LONGEST) return super.transform(value, metadata);
    let known = this.remembered.get(metatype);
    if (!known) this.remembered.set(metatype, (known = new Map()));
    const key = `${metadata.type}:${metadata.data ?? ''}:${json}`;
    const seen = known.get(key);
    if (seen) return copyOf(seen);
    const result: unknown = await super.transform(value, metadata);
    if (isFlat(result)) {
      if (known.size >= REMEMBERED) known.delete(known.keys().next().value!);
      known.set(key, copyOf(result));
    }
    return result;
  }
}

/**
 * Validates every DTO (also those of custom parameter decorators) and turns failures into an
 * InvalidInputError, which each protocol maps to its own code.
 */
export function createValidationPipe(): ValidationPipe {
  return new SyncValidationPipe({
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
