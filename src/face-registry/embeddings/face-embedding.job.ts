import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { PeriodicWork } from '../../common/work/periodic-work';
import { Clock } from '../../common/clock/clock';
import { UnavailableError } from '../../common/errors/domain-errors';
import { CoalescingPass } from '../../common/work/coalescing-pass';
import { FaceConfig } from '../../config/face.config';
import { FaceEngine } from '../engine/face-engine';
import { FacePhotoService } from '../face-photo.service';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { FacePhotoAnalysed } from '../search/face-photo-analysed.event';
import { FaceEmbeddings } from './face-embeddings.service';

const INTERVAL_NAME = 'face-registry.embedding';
const BATCH = 16;

/**
 * Embeds stored photos that wait for it: photos from before the engine existed, photos stored
 * while the gate was off, and every photo again when the model changes. One image at a time, so
 * requests never queue behind more than one of its images; it starts as soon as the engine is
 * ready and then every FACE_EMBED_SECONDS.
 */
@Injectable()
export class FaceEmbeddingJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('FaceEmbeddingJob');
  private readonly pass = new CoalescingPass(() => this.embedWaiting());
  private stopped = false;

  constructor(
    private readonly embeddings: FaceEmbeddings,
    private readonly engine: FaceEngine,
    private readonly photos: FacePhotoService,
    private readonly emitter: EventEmitter2,
    private readonly work: PeriodicWork,
    private readonly config: FaceConfig,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.work.every(INTERVAL_NAME, this.config.embedSeconds * 1000, () => this.run());
    void this.engine.whenReady().then(() => this.work.soon(INTERVAL_NAME));
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.pass.current;
  }

  run(): Promise<void> {
    return this.pass.run().catch((error: Error) => this.logger.error(`embedding stopped: ${error.message}`, error.stack));
  }

  private async embedWaiting(): Promise<void> {
    let done = 0;
    while (!this.stopped && this.engine.readiness().state === 'ready') {
      const batch = await this.embeddings.waiting(BATCH);
      if (batch.length === 0) break;
      for (const row of batch) {
        if (this.stopped || !(await this.embed(row.photoKey))) return;
        done++;
      }
    }
    if (done > 0) this.logger.log(`embedded ${done} stored photo(s)`);
  }

  /** False when the engine cannot take the photo now (try again next pass). */
  private async embed(photoKey: string): Promise<boolean> {
    const bytes = await this.photos.read(photoKey).catch(() => null);
    if (!bytes) {
      await this.embeddings.complete(photoKey, null, 'the photo file is missing', this.clock.now());
      return true;
    }
    const analysis = await this.engine.analyse(bytes).catch((error: Error) => error);
    if (analysis instanceof UnavailableError) return false;
    if (analysis instanceof Error) {
      // One bad photo must not stall the rest: it is marked, and skipped from now on.
      this.logger.warn(`photo ${photoKey} could not be analysed: ${analysis.message}`);
      await this.embeddings.complete(photoKey, null, analysis.message.slice(0, 300), this.clock.now());
    } else {
      await this.embeddings.complete(photoKey, analysis, null, this.clock.now());
    }
    await this.emitter.emitAsync(FacePhotoAnalysed.eventName, new FacePhotoAnalysed(photoKey));
    return true;
  }
}
