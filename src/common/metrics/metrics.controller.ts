import { Controller, Get, Header, Ip } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { PermissionDeniedError } from '../errors/domain-errors';
import { NetworkList } from '../network/network-list';
import { AppConfig } from '../../config/app.config';
import { Metrics } from './metrics';

@ApiTags('health')
@Controller('metrics')
export class MetricsController {
  private readonly scrapers: NetworkList;

  constructor(
    private readonly metrics: Metrics,
    config: AppConfig,
  ) {
    this.scrapers = NetworkList.of(config.metricsNetworks);
  }

  @Get()
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  @ApiOperation({
    summary: 'Prometheus metrics',
    description:
      'Request latency per protocol family, terminal link states, outbox and provisioning backlog, notification failures, rate-limit refusals, the face engine; ' +
      'in a cluster, the terminals this instance owns, the leases it took, the events it relayed and the periodic work queues. ' +
      'Answers only METRICS_NETWORKS (loopback and the private ranges by default).',
  })
  @ApiProduces('text/plain')
  @ApiOkResponse({ schema: { type: 'string', example: 'facegate_terminal_links{state="connected"} 3' } })
  async scrape(@Ip() address: string): Promise<string> {
    if (!this.scrapers.contains(address)) throw new PermissionDeniedError(`metrics are not served to ${address} (METRICS_NETWORKS)`);
    return this.metrics.registry.metrics();
  }
}
