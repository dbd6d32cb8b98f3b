import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, IsNull, LessThan, Not, Repository } from 'typeorm';
import { FileStorage } from '../../common/storage/file-storage';
import { inListChunks } from '../../database/in-list-chunks';
import { AccessRecord } from './access-record.entity';
import { AccessRecordWriter } from './access-record.writer';

const BATCH = 500;

/** The faces terminals captured with their records (biometric data): erased with the person, and after the retention period. */
@Injectable()
export class RecordSnapshots {
  private readonly logger = new Logger(RecordSnapshots.name);

  constructor(
    @InjectRepository(AccessRecord) private readonly records: Repository<AccessRecord>,
    private readonly storage: FileStorage,
    private readonly writer: AccessRecordWriter,
  ) {}

  /** Every captured face of these people (their records stay, without the face). */
  async eraseOf(personIds: string[]): Promise<number> {
    let erased = 0;
    for (const chunk of inListChunks(personIds)) erased += await this.erase({ userId: In(chunk), avatarKey: Not(IsNull()) });
    return erased;
  }

  /** Captured faces received before `cutoff`. */
  eraseBefore(cutoff: Date): Promise<number> {
    return this.erase({ receivedAt: LessThan(cutoff), avatarKey: Not(IsNull()) });
  }

  private async erase(where: Record<string, unknown>): Promise<number> {
    let erased = 0;
    for (;;) {
      const batch = await this.records.find({ select: { id: true, avatarKey: true }, where, take: BATCH });
      if (batch.length === 0) return erased;
      for (const record of batch) {
        await this.storage.remove('private', record.avatarKey!).catch((error: Error) => this.logger.warn(`could not remove snapshot ${record.avatarKey}: ${error.message}`));
      }
      await this.writer.forgetSnapshots(batch.map((r) => r.id));
      erased += batch.length;
    }
  }
}
