/**
 * What else goes when an employee leaves the directory, called inside the removal's unit of work
 * (the writers it calls join it). Declared here and implemented by bindings (their WeChat bindings
 * go too), so employees need not import bindings.
 */
export abstract class EmployeeRemovalHook {
  abstract removed(employeeId: number): Promise<void>;
}
