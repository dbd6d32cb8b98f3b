import { validateSync, ValidationError } from 'class-validator';
import { envBindings } from './env.decorator';

export type Environment = Record<string, string | undefined>;

/** Thrown at start-up with every problem found, one line per variable. */
export class ConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigurationError';
  }
}

/** Converts by the type of the default value (or the declared type when there is no default). */
function convert(raw: string, type: unknown): unknown {
  if (type === Number) {
    return /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
  }
  if (type === Boolean) {
    const lowered = raw.toLowerCase();
    if (['true', '1', 'yes', 'on'].includes(lowered)) return true;
    if (['false', '0', 'no', 'off'].includes(lowered)) return false;
    return raw;
  }
  return raw;
}

function describe(error: ValidationError, variable: string, secret: boolean): string {
  // class-validator's own messages begin with the property name: name the variable instead.
  const reasons = Object.values(error.constraints ?? {}).map((m) => (m.startsWith(`${error.property} `) ? variable + m.slice(error.property.length) : m));
  const shown = secret || error.value === undefined ? '' : ` (got "${String(error.value)}")`;
  return `${variable}: ${reasons.join('; ')}${shown}`;
}

/**
 * Builds one configuration area from the environment: defaults come from the class's property
 * initialisers, empty variables count as unset, and every violation is collected.
 */
export function readConfig<T extends object>(type: new () => T, env: Environment): { value: T; problems: string[] } {
  const value = new type();
  const bindings = envBindings(value);
  for (const binding of bindings) {
    const raw = env[binding.variable];
    if (raw === undefined || raw.trim() === '') continue;
    const fields = value as Record<string, unknown>;
    const type = fields[binding.property] === undefined ? Reflect.getMetadata('design:type', value, binding.property) : fields[binding.property]?.constructor;
    fields[binding.property] = convert(raw.trim(), type);
  }
  const problems = validateSync(value, { forbidUnknownValues: false }).map((error) => {
    const binding = bindings.find((b) => b.property === error.property);
    return describe(error, binding?.variable ?? error.property, binding?.secret ?? false);
  });
  return { value, problems };
}
