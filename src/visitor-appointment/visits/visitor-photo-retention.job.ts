import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { PeriodicWork } from '../../common/work/periodic-work';
import { Clock } from '../../common/clock/clock';
import { CoalescingPass } from '../../common/work/coalescing-pass';
import { VisitorConfig } from '../../config/visitor.config';
import { VisitPhotos } from './visit-photos';
import { VisitWriter } from './visit.writer';
import { VisitQuery } from './visit.query';

const INTERVAL_NAME = 'visitor-appointment.photo-retention';
const EVERY_MS = 3600_000;
const BATCH = 200;

/** Visitors' photos are erased VISITOR_PHOTO_RETENTION_DAYS after their visit ended (the visit record stays), hourly and at start. */
@Injectable()
export class VisitorPhotoRetentionJob implements OnApplicationBootstrap {
  private readonly logger = new Logger(VisitorPhotoRetentionJob.name);
  private readonly pass = new CoalescingPass(() => this.erase());

  constructor(
    private readonly query: VisitQuery,
    private readonly photos: VisitPhotos,
    private readonly writer: VisitWriter,
    private readonly config: VisitorConfig,
    private readonly work: PeriodicWork,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.work.every(INTERVAL_NAME, EVERY_MS, () => this.run());
    void this.run();
  }

  run(): Promise<void> {
    return this.pass.run().catch((error: Error) => this.logger.error(`erasing old visitor photos: ${error.message}`));
  }

  private async erase(): Promise<void> {
    const cutoff = new Date(this.clock.now().getTime() - this.config.photoRetentionDays * 86400_000);
    let erased = 0;
    for (;;) {
      const people = await this.query.photosEndedBefore(cutoff, BATCH);
      if (people.length === 0) break;
      await this.writer.erasePhotos(people.map((p) => p.id));
      await this.photos.discard(people.map((p) => p.photoKey));
      erased += people.length;
    }
    if (erased > 0) this.logger.log(`erased the photos of ${erased} visitor(s) whose visit ended over ${this.config.photoRetentionDays} days ago`);
  }
}
