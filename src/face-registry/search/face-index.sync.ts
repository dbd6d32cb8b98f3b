import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { OnEveryInstance } from '../../common/cluster/on-every-instance.decorator';
import {
  FaceGroupDeleted,
  FaceRegistrationApproved,
  FaceRegistrationDeleted,
  FaceRegistrationRejected,
  FaceRegistrationSubmitted,
  HotelFaceRegistered,
  HotelFaceRemoved,
} from '../../events';
import { FaceIndex, hotelGroup } from './face-index';
import { FaceIndexQuery, IndexEntry } from './face-index.query';
import { FacePhotoAnalysed } from './face-photo-analysed.event';

const PAGE = 2000;

/**
 * Fills the index at start (in the background) and keeps it current: every change to a
 * registration or hotel face, whichever code path made it, arrives as an event and re-reads that
 * one entry, so replays and reordering do no harm.
 */
@Injectable()
export class FaceIndexSync implements OnApplicationBootstrap {
  private readonly logger = new Logger('FaceIndex');
  /** Entries re-read while the first load runs: the load must not overwrite them with what it read earlier. */
  private touchedDuringLoad: Set<string> | null = new Set();

  constructor(
    private readonly index: FaceIndex,
    private readonly source: FaceIndexQuery,
  ) {}

  onApplicationBootstrap(): void {
    void this.load().catch((error: Error) => this.logger.error(`could not load the face index: ${error.message}`, error.stack));
  }

  @OnEveryInstance(FaceRegistrationSubmitted, { suppressErrors: false })
  async onSubmitted(event: FaceRegistrationSubmitted): Promise<void> {
    await this.apply(await this.source.registration(event.registrationId));
  }

  @OnEveryInstance(FaceRegistrationApproved, { suppressErrors: false })
  async onApproved(event: FaceRegistrationApproved): Promise<void> {
    await this.apply(await this.source.registration(event.registrationId));
  }

  @OnEveryInstance(FaceRegistrationRejected, { suppressErrors: false })
  async onRejected(event: FaceRegistrationRejected): Promise<void> {
    await this.apply(await this.source.registration(event.registrationId));
  }

  @OnEveryInstance(FaceRegistrationDeleted, { suppressErrors: false })
  async onDeleted(event: FaceRegistrationDeleted): Promise<void> {
    await this.apply(await this.source.registration(event.registrationId));
  }

  @OnEveryInstance(HotelFaceRegistered, { suppressErrors: false })
  async onHotelFaceRegistered(event: HotelFaceRegistered): Promise<void> {
    await this.apply(await this.source.hotelFace(event.faceId, event.groupId));
  }

  @OnEveryInstance(HotelFaceRemoved, { suppressErrors: false })
  async onHotelFaceRemoved(event: HotelFaceRemoved): Promise<void> {
    await this.apply(await this.source.hotelFace(event.faceId, event.groupId));
  }

  @OnEveryInstance(FaceGroupDeleted, { suppressErrors: false })
  onGroupDeleted(event: FaceGroupDeleted): void {
    this.index.dropGroup(hotelGroup(event.groupId));
  }

  /** The embedding job analysed this photo. */
  @OnEveryInstance(FacePhotoAnalysed)
  async onPhotoAnalysed(event: FacePhotoAnalysed): Promise<void> {
    for (const entry of await this.source.byPhoto(event.photoKey)) await this.apply(entry);
  }

  private async apply(entry: IndexEntry): Promise<void> {
    this.touchedDuringLoad?.add(`${entry.group}#${entry.id}`);
    if (entry.vector) await this.index.set(entry.group, entry.id, entry.vector);
    else this.index.delete(entry.group, entry.id);
  }

  private async load(): Promise<void> {
    const started = performance.now();
    await this.loadPages((after) => this.source.registrationPage(after, PAGE));
    await this.loadPages((after) => this.source.hotelPage(after, PAGE));
    this.touchedDuringLoad = null;
    this.index.markLoaded();
    const sizes = Object.entries(this.index.sizes()).map(([group, size]) => `${group} ${size}`);
    this.logger.log(`face index loaded in ${Math.round(performance.now() - started)} ms: ${sizes.join(', ') || 'empty'}`);
  }

  private async loadPages(read: (afterId: number) => Promise<IndexEntry[]>): Promise<void> {
    for (let after = 0; ; ) {
      const entries = await read(after);
      if (entries.length === 0) return;
      for (const entry of entries) {
        if (!this.touchedDuringLoad?.has(`${entry.group}#${entry.id}`)) await this.index.set(entry.group, entry.id, entry.vector!);
      }
      after = entries[entries.length - 1].id;
    }
  }
}
