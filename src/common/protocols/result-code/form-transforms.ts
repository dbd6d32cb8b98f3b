import { Transform } from 'class-transformer';

/** Form values arrive as strings: trims them and treats an empty value as absent. */
export function FormText(): PropertyDecorator {
  return Transform(({ value }) => {
    if (typeof value !== 'string') return value;
    const trimmed = value.trim();
    return trimmed === '' ? undefined : trimmed;
  });
}

/** Parses a decimal integer form value; anything else is left for the validators to refuse. */
export function FormInteger(): PropertyDecorator {
  return Transform(({ value }) => {
    if (typeof value !== 'string') return value;
    const trimmed = value.trim();
    if (trimmed === '') return undefined;
    return /^-?\d{1,15}$/.test(trimmed) ? Number(trimmed) : value;
  });
}
