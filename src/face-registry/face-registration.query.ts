import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { NotFoundError } from '../common/errors/domain-errors';
import { Page, PageRequest, pageOffset } from '../common/paging/page';
import { characterPhrase, isIndexable } from '../database/character-index';
import { containsPattern, containsSql } from '../database/like-pattern';
import { pagingClause, PreparedQuery } from '../database/prepared-query';
import { ANY_STATE, FaceRegistrationState } from './face-registration-state';
import { FaceRegistration } from './face-registration.entity';

export interface RegistrationFilter {
  /** Only this WeChat user's registrations. */
  openId?: string;
  /** A FaceRegistrationState, or ANY_STATE. */
  state?: number;
  /** Substring of the name or the phone number. */
  text?: string;
}

/** The trigram index serves substrings of three characters or more. */
const TRIGRAM = 3;
/** From this offset on, rows are fetched after the index walk (a deep page would otherwise read every skipped row). */
const DEEP_OFFSET = 200;
const newestFirst = (alias: string) => `ORDER BY ${alias}.apply_time DESC, ${alias}.id DESC`;
const TEXT_MATCH = {
  index: 'r.id IN (SELECT rowid FROM face_registration_fts WHERE face_registration_fts MATCH :phrase)',
  // Phones are digits only: a text with anything else can only be part of a name.
  names: 'r.id IN (SELECT rowid FROM face_registration_chars WHERE face_registration_chars MATCH :namePhrase)',
};

interface Shape {
  user: boolean;
  state: boolean;
  text: keyof typeof TEXT_MATCH | 'scan' | null;
}

/**
 * Lists registrations newest first. This is the busiest read of the system (the PC page and the
 * desktop tool poll it), so each filter shape is prepared once; counts of unfiltered lists come
 * from the per-state tallies, and deep pages walk the index before touching any row.
 */
@Injectable()
export class FaceRegistrationQuery {
  private readonly hasTextIndexes: boolean;
  /** Name or phone contains the text, row by row (or through PostgreSQL's trigram indexes). */
  private readonly scan: string;
  private readonly prepared = new Map<
    string,
    { items: PreparedQuery<FaceRegistration>; deepItems: PreparedQuery<FaceRegistration>; count: PreparedQuery<FaceRegistration> }
  >();

  constructor(private readonly dataSource: DataSource) {
    this.hasTextIndexes = dataSource.options.type === 'better-sqlite3';
    this.scan = `(${containsSql(dataSource, 'r.name', 'like')} OR ${containsSql(dataSource, 'r.tel_no', 'like')})`;
  }

  async page(filter: RegistrationFilter, request: PageRequest): Promise<Page<FaceRegistration>> {
    const shape: Shape = {
      user: filter.openId !== undefined,
      state: filter.state !== undefined && filter.state !== ANY_STATE,
      text: filter.text ? this.textMatch(filter.text, filter.openId === undefined) : null,
    };
    const queries = this.queriesFor(shape);
    const parameters = {
      openId: filter.openId,
      state: filter.state,
      phrase: filter.text && `"${filter.text.replace(/"/g, '""')}"`,
      namePhrase: filter.text && characterPhrase('name', filter.text),
      like: filter.text && containsPattern(filter.text),
      limit: request.size,
      offset: pageOffset(request),
    };
    const items = await (parameters.offset >= DEEP_OFFSET ? queries.deepItems : queries.items).many(parameters);
    const total = await queries.count.number(parameters);
    return { items, page: request.page, size: request.size, total };
  }

  async byId(id: number): Promise<FaceRegistration> {
    const registration = await this.dataSource.getRepository(FaceRegistration).findOneBy({ id });
    if (!registration) throw new NotFoundError(`no registration ${id}`);
    return registration;
  }

  /** The approved registration of this phone number, whose photo stands for the person elsewhere (visitor bindings). */
  approvedByPhone(telNo: string): Promise<FaceRegistration | null> {
    return this.dataSource.getRepository(FaceRegistration).findOneBy({ telNo, state: FaceRegistrationState.Approved });
  }

  /**
   * A user's own few rows are cheaper to scan than to look up in an index. One or two digits match
   * most phone numbers, so they are scanned too (the newest rows match at once; the count scans).
   */
  private textMatch(text: string, wholeTable: boolean): Shape['text'] {
    if (!wholeTable || !this.hasTextIndexes) return 'scan';
    if ([...text].length >= TRIGRAM) return 'index';
    return isIndexable(text) && /\D/.test(text) ? 'names' : 'scan';
  }

  private queriesFor(shape: Shape) {
    const key = JSON.stringify(shape);
    let queries = this.prepared.get(key);
    if (!queries) {
      const conditions = [shape.user && 'r.open_id = :openId', shape.state && 'r.state = :state', shape.text && (shape.text === 'scan' ? this.scan : TEXT_MATCH[shape.text])];
      const where = conditions.filter(Boolean).join(' AND ');
      const filtered = `FROM face_registration r${where ? ` WHERE ${where}` : ''}`;
      const tally = `SELECT COALESCE(SUM(t.total), 0) AS total FROM face_registration_tally t${shape.state ? ' WHERE t.state = :state' : ''}`;
      const page = `${newestFirst('r')} ${pagingClause(this.dataSource)}`;
      queries = {
        items: new PreparedQuery(this.dataSource, FaceRegistration, `SELECT r.* ${filtered} ${page}`),
        deepItems: new PreparedQuery(
          this.dataSource,
          FaceRegistration,
          `SELECT o.* FROM face_registration o WHERE o.id IN (SELECT r.id ${filtered} ${page}) ${newestFirst('o')}`,
        ),
        count: new PreparedQuery(this.dataSource, FaceRegistration, shape.user || shape.text ? `SELECT COUNT(*) AS total ${filtered}` : tally),
      };
      this.prepared.set(key, queries);
    }
    return queries;
  }
}
