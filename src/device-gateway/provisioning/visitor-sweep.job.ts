import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { PeriodicWork } from '../../common/work/periodic-work';
import { Clock } from '../../common/clock/clock';
import { CoalescingPass } from '../../common/work/coalescing-pass';
import { DeviceGatewayConfig } from '../../config/device-gateway.config';
import { ProvisioningPlanner } from './provisioning-planner.service';
import { ProvisioningWorker } from './provisioning-worker.service';
import { UnitOfWork } from '../../database/unit-of-work';
import { ProvisioningQuery } from './provisioning.query';

/** Grants revoked per transaction: a few milliseconds each (SQLite runs one transaction at a time), however many visits end at once. */
const BATCH = 25;
const INTERVAL_NAME = 'device-gateway.visitor-sweep';

/**
 * Takes visitors off the terminals once their visit has ended. The terminals would refuse them by
 * `endTime` anyway; the sweep keeps their user lists (and FaceGate's grants) to the people who may pass.
 */
@Injectable()
export class VisitorSweepJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(VisitorSweepJob.name);
  private readonly pass = new CoalescingPass(() => this.sweepOnce());

  constructor(
    private readonly query: ProvisioningQuery,
    private readonly unitOfWork: UnitOfWork,
    private readonly planner: ProvisioningPlanner,
    private readonly worker: ProvisioningWorker,
    private readonly work: PeriodicWork,
    private readonly config: DeviceGatewayConfig,
    private readonly clock: Clock,
  ) {}

  /** Sweeps at once too: after a stop, visits may have ended (or a sweep been cut short) meanwhile. */
  onApplicationBootstrap(): void {
    this.work.every(INTERVAL_NAME, this.config.visitorSweepSeconds * 1000, () => this.sweep());
    void this.sweep();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pass.current;
  }

  /** Revokes every grant whose window has ended. */
  sweep(): Promise<void> {
    return this.pass.run();
  }

  private async sweepOnce(): Promise<void> {
    let swept = 0;
    try {
      for (;;) {
        const now = this.clock.now();
        const batch = await this.query.endedBy(now, BATCH);
        if (batch.length === 0) break;
        await this.unitOfWork.run(async (manager) => {
          for (const grant of batch) if (await this.planner.revoke(manager, grant.personId)) swept++;
        });
        if (batch.length < BATCH) break;
      }
    } catch (error) {
      this.logger.error(`visitor sweep failed: ${(error as Error).message}`, (error as Error).stack);
    }
    if (swept > 0) {
      this.logger.log(`${swept} visitors whose visit ended are being taken off the terminals`);
      void this.worker.kickAll();
    }
  }
}
