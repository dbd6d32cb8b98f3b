import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Metrics } from '../common/metrics/metrics';
import { PreparedSql } from '../database/prepared-query';

/** The door terminals in /metrics: how many are linked, and what still has to reach them. */
@Injectable()
export class GatewayMetrics {
  constructor(metrics: Metrics, dataSource: DataSource) {
    const links = new PreparedSql(dataSource, 'SELECT link_state AS state, COUNT(*) AS n FROM terminal WHERE enabled = :true GROUP BY link_state');
    const refused = new PreparedSql(dataSource, 'SELECT COUNT(*) AS n FROM terminal WHERE enabled = :true AND credentials_refused_at IS NOT NULL');
    metrics.gauge('facegate_terminal_links', 'Enabled terminals by the state of their record link', ['state'], async () =>
      (await links.rows({})).map((row) => [{ state: String(row.state) }, Number(row.n)]),
    );
    metrics.gauge('facegate_terminal_credentials_refused', "Enabled terminals that refuse FaceGate's password", [], async () => [[{}, await refused.number()]]);
    metrics.gauge('facegate_provisioning_backlog', 'Provisioning tasks not done, by state (failed: refused for good)', ['state'], async () =>
      (await dataSource.query(`SELECT state, COUNT(*) AS n FROM provisioning_task WHERE state <> 'done' GROUP BY state`)).map(
        (row: { state: string; n: number }) => [{ state: row.state }, Number(row.n)],
      ),
    );
  }
}
