import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { Clock } from '../../common/clock/clock';
import { PermissionDeniedError } from '../../common/errors/domain-errors';
import { decodeBase64Image } from '../../common/images/base64-image';
import { Outbox } from '../../common/outbox/outbox.service';
import { RateCounters, RateLimit } from '../../common/rate-limit/rate-counters.service';
import { FaceConfig } from '../../config/face.config';
import { StorageConfig } from '../../config/storage.config';
import { HotelFaceRegistered } from '../../events';
import type { HotelAccount } from '../../wechat-auth/hotel-accounts/hotel-account.entity';
import { NotCertifiedError, RealNameService } from '../../wechat-auth/real-name/real-name.service';
import { FaceEmbeddings } from '../embeddings/face-embeddings.service';
import { AnalysedFace, FaceBox, FaceEngine } from '../engine/face-engine';
import { FacePhotoService } from '../face-photo.service';
import { NoFaceError, SeveralFacesError } from '../quality/face-quality.errors';
import { FaceIndex, hotelGroup } from '../search/face-index';
import { FaceGroups } from './face-groups.service';
import { hotelFaceKey } from './hotel-face-events';
import { NoFaceAuthenticationError } from './hotel-face.errors';
import { HotelFace } from './hotel-face.entity';
import { UnitOfWork } from '../../database/unit-of-work';
import { HotelFaceWriter } from './hotel-face.writer';

/** All groups, for find. */
export const ALL_GROUPS = -1;

export interface Recognised {
  box: FaceBox;
  /** The best match above the line, or null. */
  match: { name: string; maskedId: string; score: number } | null;
}

export interface Verified {
  box: FaceBox;
  score: number;
  matches: boolean;
  maskedId: string;
}

/**
 * The hotel API's faces: registered under the account's real-name ID number, one per group;
 * found 1:N in a group or all; verified 1:1 against the account's own.
 */
@Injectable()
export class HotelFaces {
  private readonly logger = new Logger(HotelFaces.name);
  private readonly limit: RateLimit;

  constructor(
    @InjectRepository(HotelFace) private readonly faces: Repository<HotelFace>,
    private readonly unitOfWork: UnitOfWork,
    private readonly writer: HotelFaceWriter,
    private readonly groups: FaceGroups,
    private readonly photos: FacePhotoService,
    private readonly engine: FaceEngine,
    private readonly embeddings: FaceEmbeddings,
    private readonly index: FaceIndex,
    private readonly realNames: RealNameService,
    private readonly rates: RateCounters,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    private readonly config: FaceConfig,
    private readonly storage: StorageConfig,
  ) {
    this.limit = { name: 'hotel-face', limit: config.requestsPerAccountPerMinute, windowSeconds: 60, message: 'too many face requests from this account' };
  }

  /** Registers (or replaces) the account's face in a group; answers the masked ID number it is filed under. */
  async register(account: HotelAccount, base64: string, groupId: number, content: string): Promise<string> {
    await this.rates.hit(this.limit, String(account.id));
    if (account.realNameId === null) throw new NotCertifiedError('this account has no real-name record (实名认证) yet');
    const realNameId = account.realNameId;
    const group = await this.groups.find({ id: groupId });
    const now = this.clock.now();
    const photoKey = await this.photos.accept(this.decode(base64), 'hotel', now, 'the image', true);
    let replaced: string | undefined;
    try {
      const face = await this.unitOfWork.run(async (manager) => {
        const repository = manager.getRepository(HotelFace);
        const existing = await repository.findOneBy({ groupId: group.id, realNameId });
        replaced = existing?.photoKey;
        const row = existing ?? repository.create({ groupId: group.id, realNameId, createdAt: now });
        Object.assign(row, { accountId: account.id, content, photoKey, updatedAt: now });
        await this.writer.save(row);
        const event = new HotelFaceRegistered({ faceId: row.id, groupId: group.id, accountId: account.id, registeredAt: now.toISOString() });
        await this.outbox.stage(manager, event, hotelFaceKey(account.id));
        return row;
      });
      this.logger.log(`hotel account #${account.id} registered face #${face.id} in group #${group.id}`);
    } catch (error) {
      await this.photos.discard(photoKey);
      throw error;
    }
    if (replaced) await this.photos.discard(replaced);
    this.outbox.dispatchSoon();
    return (await this.realNames.identities([realNameId])).get(realNameId)!.maskedId;
  }

  /** Every face in the image with its best match in the group (or all groups); NoFaceError when there is none. */
  async find(account: HotelAccount, base64: string, groupId: number): Promise<Recognised[]> {
    if (this.config.findAdminOnly && account.role !== 'admin') throw new PermissionDeniedError('face find is reserved to hotel administrators on this site');
    await this.rates.hit(this.limit, String(account.id));
    const groups = groupId === ALL_GROUPS ? await this.groups.list() : [await this.groups.find({ id: groupId })];
    const found = await this.engine.analyse(this.decode(base64));
    if (found.length === 0) throw new NoFaceError('no face was found in the image');
    const hits = await this.index.search(
      groups.map((g) => hotelGroup(g.id)),
      found.map((f) => f.embedding),
      1,
      this.config.matchThreshold,
    );
    const matched = hits.flatMap((list) => list.slice(0, 1));
    const rows = matched.length ? await this.faces.findBy({ id: In(matched.map((hit) => hit.id)) }) : [];
    const people = await this.realNames.identities(rows.map((row) => row.realNameId));
    const personOf = new Map(rows.map((row) => [row.id, people.get(row.realNameId)]));
    return found.map((face, i) => {
      const best = hits[i][0];
      const person = best && personOf.get(best.id);
      return { box: face.box, match: person ? { ...person, score: best.score } : null };
    });
  }

  /** The one face in the image against the account's own registered face. */
  async verify(account: HotelAccount, base64: string): Promise<Verified> {
    await this.rates.hit(this.limit, String(account.id));
    const own = account.faceBound && account.realNameId !== null
      ? await this.faces.findOne({ where: { accountId: account.id, realNameId: account.realNameId }, order: { updatedAt: 'DESC' } })
      : null;
    if (!own) throw new NoFaceAuthenticationError('this account has no face registered (or it was unbound)');
    const found = await this.engine.analyse(this.decode(base64));
    if (found.length === 0) throw new NoFaceError('no face was found in the image');
    if (found.length > 1) throw new SeveralFacesError(`the image shows ${found.length} faces; it must show only the person`);
    const reference = await this.referenceOf(own.photoKey);
    const score = this.engine.compare(found[0].embedding, reference);
    const identity = (await this.realNames.identities([own.realNameId])).get(own.realNameId);
    return { box: found[0].box, score, matches: score >= this.config.matchThreshold, maskedId: identity?.maskedId ?? '' };
  }

  private decode(base64: string): Buffer {
    return decodeBase64Image(base64, this.storage.photoMaxBytes, 'base64');
  }

  /** The stored face's embedding; analysed now when the embedding job has not redone it for a new model yet. */
  private async referenceOf(photoKey: string): Promise<Float32Array> {
    const stored = (await this.embeddings.vectorsOf([photoKey])).get(photoKey);
    if (stored) return stored;
    const photo = await this.photos.read(photoKey).catch(() => null);
    const faces: AnalysedFace[] = photo ? await this.engine.analyse(photo) : [];
    if (faces.length === 0) throw new NoFaceAuthenticationError('the registered face cannot be read any more; register it again');
    return faces[0].embedding;
  }
}
