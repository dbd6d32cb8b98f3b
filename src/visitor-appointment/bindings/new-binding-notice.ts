import { EntityManager } from 'typeorm';
import { Employee } from '../employees/employee.entity';

/**
 * Tells an employee that their identity was bound to a new WeChat account, in the binding's own
 * transaction. Declared here and implemented by notifications, so bindings need not import it.
 */
export abstract class NewBindingNotice {
  abstract stage(manager: EntityManager, employee: Employee, boundAt: Date): Promise<void>;

  /** After the commit: send what was staged now rather than at the next poll. */
  abstract sendSoon(): void;
}
