import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { PeriodicWork } from '../../common/work/periodic-work';
import { Clock } from '../../common/clock/clock';
import { CoalescingPass } from '../../common/work/coalescing-pass';
import { DeviceGatewayConfig } from '../../config/device-gateway.config';
import { RecordSnapshots } from './record-snapshots.service';

const INTERVAL_NAME = 'device-gateway.snapshot-retention';
const EVERY_MS = 3600_000;

/** Captured faces older than RECORD_SNAPSHOT_RETENTION_DAYS are erased (the records stay), hourly and at start. */
@Injectable()
export class SnapshotRetentionJob implements OnApplicationBootstrap {
  private readonly logger = new Logger(SnapshotRetentionJob.name);
  private readonly pass = new CoalescingPass(() => this.erase());

  constructor(
    private readonly snapshots: RecordSnapshots,
    private readonly config: DeviceGatewayConfig,
    private readonly work: PeriodicWork,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.work.every(INTERVAL_NAME, EVERY_MS, () => this.run());
    void this.run();
  }

  run(): Promise<void> {
    return this.pass.run().catch((error: Error) => this.logger.error(`erasing old snapshots: ${error.message}`));
  }

  private async erase(): Promise<void> {
    const cutoff = new Date(this.clock.now().getTime() - this.config.snapshotRetentionDays * 86400_000);
    const erased = await this.snapshots.eraseBefore(cutoff);
    if (erased > 0) this.logger.log(`erased ${erased} captured face(s) older than ${this.config.snapshotRetentionDays} days`);
  }
}
