import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { repeatEvery } from '../../common/work/repeat-every';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CoalescingPass } from '../../common/work/coalescing-pass';
import { DeviceGatewayConfig } from '../../config/device-gateway.config';
import { TerminalBackoff } from '../terminal-api/terminal-backoff';
import { TerminalRegistry } from '../terminals/terminal-registry.service';
import { TerminalOwnership } from '../terminals/terminal-ownership';
import { RecordBackfill } from './record-backfill.service';

const INTERVAL_NAME = 'device-gateway.record-check';

/**
 * Every RECORD_CHECK_SECONDS, asks whether each enabled terminal this instance owns has all its records (see
 * RecordBackfill.check): a push the terminal never sent, a record that failed to store, or a
 * backfill that failed half-way is made good without waiting for the link to drop. A terminal
 * whose record link cannot be opened is read this way too. A terminal its backoff holds back is
 * left out until the wait is over; then this check is usually the one request that tries it.
 */
@Injectable()
export class RecordCheckJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RecordCheckJob.name);
  private readonly pass = new CoalescingPass(() => this.checkAll());
  private stopped = false;

  constructor(
    private readonly registry: TerminalRegistry,
    private readonly backfill: RecordBackfill,
    private readonly scheduler: SchedulerRegistry,
    private readonly config: DeviceGatewayConfig,
    private readonly backoff: TerminalBackoff,
    private readonly ownership: TerminalOwnership,
  ) {}

  onApplicationBootstrap(): void {
    repeatEvery(this.scheduler, INTERVAL_NAME, this.config.recordCheckSeconds * 1000, () => this.pass.run());
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.pass.current;
  }

  private async checkAll(): Promise<void> {
    if (this.stopped) return;
    const terminals = await this.registry.enabled().catch((error: Error) => {
      this.logger.error(`cannot list terminals: ${error.message}`);
      return [];
    });
    await Promise.all(
      terminals.filter((terminal) => this.ownership.owns(terminal.id) && this.backoff.waitingMs(terminal.id) === 0).map((terminal) =>
        this.backfill.check(terminal.id).catch((error: Error) => this.logger.debug(`checking the records of terminal #${terminal.id}: ${error.message}`)),
      ),
    );
  }
}
