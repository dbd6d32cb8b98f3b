import { Injectable } from '@nestjs/common';
import { Metrics } from '../../common/metrics/metrics';
import { NotificationQuery } from './notification.query';

/** Visitor messages in /metrics: waiting, and given up as failed. */
@Injectable()
export class NotificationMetrics {
  constructor(metrics: Metrics, query: NotificationQuery) {
    metrics.gauge('facegate_notifications', 'Visitor notifications waiting to be sent or failed for good', ['state'], async () =>
      (await query.unsentByState()).map(({ state, n }) => [{ state }, n]),
    );
  }
}
