/** A payload class of the event bus: its static `eventName` is the name it travels under. */
export interface DomainEventClass<T extends object = object> {
  readonly eventName: string;
  new (fields: T): T;
}

export function eventNameOf(event: object): string {
  const name = (event.constructor as Partial<DomainEventClass>).eventName;
  if (!name) throw new Error(`${event.constructor.name} is not a domain event class (no static eventName)`);
  return name;
}
