import { EntityManager } from 'typeorm';

/**
 * What else goes when an employee leaves the directory, in the same transaction. Declared here and
 * implemented by bindings (their WeChat bindings go too), so employees need not import bindings.
 */
export abstract class EmployeeRemovalHook {
  abstract removed(manager: EntityManager, employeeId: number): Promise<void>;
}
