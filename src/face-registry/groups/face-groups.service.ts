import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { Clock } from '../../common/clock/clock';
import { Outbox } from '../../common/outbox/outbox.service';
import { inListChunks } from '../../database/in-list-chunks';
import { isUniqueViolation } from '../../database/unique-violation';
import { FaceGroupDeleted, HotelFaceRemoved } from '../../events';
import { FacePhotoService } from '../face-photo.service';
import { BadGroupIdError, DefaultGroupError, GroupLimitError, GroupNameTakenError, GroupNotNamedError, NoSuchGroupError } from './face-group.errors';
import { FaceGroup } from './face-group.entity';
import { HotelFace } from './hotel-face.entity';
import { hotelFaceKey } from './hotel-face-events';
import { isRowId } from '../../common/validation/row-id.pipe';
import { SINGLE_STATEMENT, UnitOfWork } from '../../database/unit-of-work';
import { HotelFaceWriter } from './hotel-face.writer';

/** Group 1, "默认人员库": created by the migration, never deleted. */
export const DEFAULT_GROUP_ID = 1;
/** A site's groups are listed whole: this many at most. */
export const MAX_GROUPS = 1000;

/** How a request names a group: by id (an integer, or an integer string) or by name; the id wins. */
export interface GroupRef {
  id?: number | string;
  name?: string;
}

/** The hotel API's face groups (人员库). */
@Injectable()
export class FaceGroups {
  private readonly logger = new Logger(FaceGroups.name);

  constructor(
    @InjectRepository(FaceGroup) private readonly groups: Repository<FaceGroup>,
    private readonly unitOfWork: UnitOfWork,
    private readonly faces: HotelFaceWriter,
    private readonly photos: FacePhotoService,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  async create(name: string, content: string): Promise<FaceGroup> {
    if ((await this.groups.count()) >= MAX_GROUPS) throw new GroupLimitError(`a site holds at most ${MAX_GROUPS} groups`);
    if (await this.groups.existsBy({ name })) throw new GroupNameTakenError(`a group is named "${name}" already`);
    const now = this.clock.now();
    try {
      return await this.groups.save(this.groups.create({ name, content, createdAt: now, updatedAt: now }), SINGLE_STATEMENT);
    } catch (error) {
      if (isUniqueViolation(error)) throw new GroupNameTakenError(`a group is named "${name}" already`);
      throw error;
    }
  }

  async find(ref: GroupRef): Promise<FaceGroup> {
    const id = ref.id !== undefined ? groupId(ref.id) : undefined;
    const group = id === undefined ? await this.groups.findOneBy({ name: named(ref) }) : isRowId(id) ? await this.groups.findOneBy({ id }) : null;
    if (!group) throw new NoSuchGroupError(ref.id !== undefined ? `no group ${ref.id}` : `no group named "${ref.name}"`);
    return group;
  }

  list(): Promise<FaceGroup[]> {
    return this.groups.find({ order: { id: 'ASC' } });
  }

  async update(ref: GroupRef, content: string): Promise<void> {
    const group = await this.find(ref);
    await this.groups.update(group.id, { content, updatedAt: this.clock.now() });
  }

  /** Deletes the group with every face in it (their photos and embeddings too). */
  async delete(ref: GroupRef, by: string): Promise<void> {
    const group = await this.find(ref);
    if (group.id === DEFAULT_GROUP_ID) throw new DefaultGroupError('the default group cannot be deleted');
    const now = this.clock.now();
    const faces = await this.unitOfWork.run(async (manager) => {
      const removed = await manager.getRepository(HotelFace).findBy({ groupId: group.id });
      await this.faces.removeGroup(group.id);
      await manager.getRepository(FaceGroup).delete({ id: group.id });
      const accounts = [...new Set(removed.map((face) => face.accountId))];
      const keeping = new Set<number>();
      for (const chunk of inListChunks(accounts)) {
        const rows = await manager.getRepository(HotelFace).find({ select: { accountId: true }, where: { accountId: In(chunk) } });
        for (const row of rows) keeping.add(row.accountId);
      }
      const removedAt = now.toISOString();
      await this.outbox.stageAll(manager, [
        ...removed.map((face): [object, string] => [
          new HotelFaceRemoved({ faceId: face.id, groupId: group.id, accountId: face.accountId, accountHasFaces: keeping.has(face.accountId), removedAt }),
          hotelFaceKey(face.accountId),
        ]),
        [new FaceGroupDeleted({ groupId: group.id, deletedAt: removedAt }), `face-group:${group.id}`],
      ]);
      return removed;
    });
    this.outbox.dispatchSoon();
    for (const face of faces) await this.photos.discard(face.photoKey);
    this.logger.log(`${by} deleted face group #${group.id} "${group.name}" with ${faces.length} face(s)`);
  }
}

/** The spec: an integer, or an integer string; anything else is 100 Error Group ID. */
function groupId(raw: number | string): number {
  const value = typeof raw === 'string' && /^\s*-?\d{1,9}\s*$/.test(raw) ? Number(raw) : raw;
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw new BadGroupIdError(`group_id ${JSON.stringify(raw)} is not an integer`);
  return value;
}

function named(ref: GroupRef): string {
  if (ref.name === undefined) throw new GroupNotNamedError('give group_id or group_name');
  return ref.name;
}
