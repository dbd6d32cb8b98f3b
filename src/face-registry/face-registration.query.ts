import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository, SelectQueryBuilder } from 'typeorm';
import { Page, PageRequest, pageOffset } from '../common/paging/page';
import { ANY_STATE } from './face-registration-state';
import { FaceRegistrationTally } from './face-registration-tally.entity';
import { FaceRegistration } from './face-registration.entity';

export interface RegistrationFilter {
  /** Only this WeChat user's registrations. */
  openId?: string;
  /** A FaceRegistrationState, or ANY_STATE. */
  state?: number;
  /** Substring of the name or the phone number. */
  text?: string;
}

/** The trigram index serves substrings of three characters or more; shorter ones are scanned with LIKE. */
const TRIGRAM = 3;

function escapeLike(text: string): string {
  return text.replace(/[\\%_[]/g, (c) => `\\${c}`);
}

/** Lists registrations newest first, with counts that never scan the whole table. */
@Injectable()
export class FaceRegistrationQuery {
  private readonly hasTrigramIndex: boolean;

  constructor(
    @InjectRepository(FaceRegistration) private readonly registrations: Repository<FaceRegistration>,
    @InjectRepository(FaceRegistrationTally) private readonly tallies: Repository<FaceRegistrationTally>,
  ) {
    this.hasTrigramIndex = registrations.manager.connection.options.type === 'better-sqlite3';
  }

  async page(filter: RegistrationFilter, request: PageRequest): Promise<Page<FaceRegistration>> {
    const items = await this.filtered(filter)
      .orderBy('r.applyTime', 'DESC')
      .addOrderBy('r.id', 'DESC')
      .offset(pageOffset(request))
      .limit(request.size)
      .getMany();
    return { items, page: request.page, size: request.size, total: await this.count(filter) };
  }

  private async count(filter: RegistrationFilter): Promise<number> {
    if (filter.openId !== undefined || filter.text) return this.filtered(filter).getCount();
    const query = this.tallies.createQueryBuilder('t').select('COALESCE(SUM(t.total), 0)', 'total');
    if (filter.state !== undefined && filter.state !== ANY_STATE) query.where('t.state = :state', { state: filter.state });
    const row = await query.getRawOne<{ total: number | string }>();
    return Number(row?.total ?? 0);
  }

  private filtered(filter: RegistrationFilter): SelectQueryBuilder<FaceRegistration> {
    const query = this.registrations.createQueryBuilder('r');
    if (filter.openId !== undefined) query.andWhere('r.openId = :openId', { openId: filter.openId });
    if (filter.state !== undefined && filter.state !== ANY_STATE) query.andWhere('r.state = :state', { state: filter.state });
    if (filter.text) this.matchText(query, filter.text, filter.openId === undefined);
    return query;
  }

  /** A user's own few rows are cheaper to scan than to look up in the index. */
  private matchText(query: SelectQueryBuilder<FaceRegistration>, text: string, wholeTable: boolean): void {
    if (wholeTable && this.hasTrigramIndex && [...text].length >= TRIGRAM) {
      query.andWhere('r.id IN (SELECT rowid FROM face_registration_fts WHERE face_registration_fts MATCH :phrase)', {
        phrase: `"${text.replace(/"/g, '""')}"`,
      });
    } else {
      query.andWhere("(r.name LIKE :like ESCAPE '\\' OR r.telNo LIKE :like ESCAPE '\\')", { like: `%${escapeLike(text)}%` });
    }
  }
}
