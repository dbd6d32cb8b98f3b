import 'reflect-metadata';

export interface EnvBinding {
  property: string;
  variable: string;
  secret: boolean;
}

const ENV_BINDINGS = Symbol('env-bindings');

/** Binds a configuration property to an environment variable; `secret` keeps its value out of error messages. */
export function Env(variable: string, options: { secret?: boolean } = {}): PropertyDecorator {
  return (target, property) => {
    const bindings: EnvBinding[] = Reflect.getMetadata(ENV_BINDINGS, target) ?? [];
    Reflect.defineMetadata(
      ENV_BINDINGS,
      [...bindings, { property: String(property), variable, secret: options.secret ?? false }],
      target,
    );
  };
}

export function envBindings(target: object): EnvBinding[] {
  return Reflect.getMetadata(ENV_BINDINGS, target) ?? [];
}
