import { Injectable } from '@nestjs/common';
import { Metrics } from '../common/metrics/metrics';
import { ProvisioningQuery } from './provisioning/provisioning.query';
import { TerminalQuery } from './terminals/terminal.query';

/** The door terminals in /metrics: how many are linked, and what still has to reach them. */
@Injectable()
export class GatewayMetrics {
  constructor(metrics: Metrics, terminals: TerminalQuery, provisioning: ProvisioningQuery) {
    metrics.gauge('facegate_terminal_links', 'Enabled terminals by the state of their record link', ['state'], async () =>
      (await terminals.linkStates()).map(({ state, n }) => [{ state }, n]),
    );
    metrics.gauge('facegate_terminal_credentials_refused', "Enabled terminals that refuse FaceGate's password", [], async () => [[{}, await terminals.refusingCredentials()]]);
    metrics.gauge('facegate_provisioning_backlog', 'Provisioning tasks not done, by state (failed: refused for good)', ['state'], async () =>
      (await provisioning.backlog()).map(({ state, n }) => [{ state }, n]),
    );
  }
}
