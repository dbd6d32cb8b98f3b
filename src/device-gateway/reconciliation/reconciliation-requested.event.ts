import { ReconciliationTrigger } from './reconciliation-run.entity';

/**
 * Inside the device gateway only: a reconciliation was asked of an instance of the cluster that
 * does not own the terminal; the owner starts it. Not part of the bus contract (src/events).
 */
export class ReconciliationRequested {
  static readonly eventName = 'device-gateway.reconciliation-requested';

  constructor(
    readonly terminalId: number,
    readonly trigger: ReconciliationTrigger,
  ) {}
}
