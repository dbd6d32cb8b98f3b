import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Metrics } from '../../common/metrics/metrics';

/** Visitor messages in /metrics: waiting, and given up as failed. */
@Injectable()
export class NotificationMetrics {
  constructor(metrics: Metrics, dataSource: DataSource) {
    metrics.gauge('facegate_notifications', 'Visitor notifications waiting to be sent or failed for good', ['state'], async () =>
      (await dataSource.query(`SELECT state, COUNT(*) AS n FROM notification WHERE state IN ('pending', 'failed') GROUP BY state`)).map(
        (row: { state: string; n: number }) => [{ state: row.state }, Number(row.n)],
      ),
    );
  }
}
