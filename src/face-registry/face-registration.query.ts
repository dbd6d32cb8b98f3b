import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { NotFoundError } from '../common/errors/domain-errors';
import { Page, PageRequest, pageOffset } from '../common/paging/page';
import { characterPhrase, isIndexable, postgresCharactersMatch } from '../database/character-index';
import { containsPattern, containsSql } from '../database/like-pattern';
import { pagingClause, PreparedQuery } from '../database/prepared-query';
import { ANY_STATE, FaceRegistrationState } from './face-registration-state';
import { FaceRegistration } from './face-registration.entity';
import { readPage } from '../database/far-end-page';

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
const newestFirst = (alias: string) => `ORDER BY ${alias}.apply_time DESC, ${alias}.id DESC`;
const oldestFirst = (alias: string) => `ORDER BY ${alias}.apply_time ASC, ${alias}.id ASC`;
type TextMatch = 'index' | 'names' | 'character' | 'scan';

/**
 * PostgreSQL's deep page of the whole list or of one state: the day the page starts in, from the
 * per-day tally (the newest day whose registrations before it number no more than the offset),
 * then a walk of that day's index entries only. Tally and rows are read in one statement, so they
 * agree. The day is the column's own (apply_time is a timestamp without time zone).
 */
function dayMappedPage(byState: boolean): string {
  const state = (alias: string) => (byState ? ` AND ${alias}.state = :state` : '');
  return `WITH days AS (
      SELECT t.day, SUM(t.total) AS total FROM face_registration_day_tally t WHERE TRUE${state('t')} GROUP BY t.day HAVING SUM(t.total) > 0
    ), start AS (
      SELECT d.day, d.before FROM (SELECT day, SUM(total) OVER (ORDER BY day DESC) - total AS before FROM days) d
      WHERE d.before <= :offset ORDER BY d.before DESC LIMIT 1
    )
    SELECT o.* FROM face_registration o WHERE o.id IN (
      SELECT w.id FROM start CROSS JOIN LATERAL (
        SELECT r.id FROM face_registration r WHERE r.apply_time < start.day + 1${state('r')} ${newestFirst('r')} LIMIT :limit OFFSET :offset - start.before
      ) w
    ) ${newestFirst('o')}`;
}

/**
 * How each database finds a text in name or phone: `index` (three characters or more), `names`
 * (one or two characters with a non-digit: phones are digits only, so only a name can hold it;
 * `character` when it is one) and `scan` (row by row). SQLite has FTS5 indexes of trigrams and of characters; PostgreSQL a trigram
 * index under ILIKE and a GIN index of characters; SQL Server scans.
 */
function textMatches(dataSource: DataSource): Record<TextMatch, string> {
  const scan = `(${containsSql(dataSource, 'r.name', 'like')} OR ${containsSql(dataSource, 'r.tel_no', 'like')})`;
  if (dataSource.options.type === 'better-sqlite3') {
    const names = 'r.id IN (SELECT rowid FROM face_registration_chars WHERE face_registration_chars MATCH :namePhrase)';
    return { index: 'r.id IN (SELECT rowid FROM face_registration_fts WHERE face_registration_fts MATCH :phrase)', names, character: names, scan };
  }
  if (dataSource.options.type === 'postgres') {
    return { index: scan, names: postgresCharactersMatch('r.name', 'text', containsSql(dataSource, 'r.name', 'like')), character: postgresCharactersMatch('r.name', 'text'), scan };
  }
  return { index: scan, names: scan, character: scan, scan };
}

interface Shape {
  user: boolean;
  state: boolean;
  text: TextMatch | null;
}

/**
 * Lists registrations newest first. This is the busiest read of the system (the PC page and the
 * desktop tool poll it), so each filter shape is prepared once; counts of unfiltered lists come
 * from the per-state tallies, and deep pages walk the index before touching any row.
 */
@Injectable()
export class FaceRegistrationQuery {
  private readonly textMatch: Record<TextMatch, string>;
  private readonly prepared = new Map<
    string,
    { items: PreparedQuery<FaceRegistration>; deepItems: PreparedQuery<FaceRegistration>; farItems?: PreparedQuery<FaceRegistration>; count: PreparedQuery<FaceRegistration> }
  >();

  constructor(private readonly dataSource: DataSource) {
    this.textMatch = textMatches(dataSource);
  }

  async page(filter: RegistrationFilter, request: PageRequest): Promise<Page<FaceRegistration>> {
    const shape: Shape = {
      user: filter.openId !== undefined,
      state: filter.state !== undefined && filter.state !== ANY_STATE,
      text: filter.text ? this.matchFor(filter.text, filter.openId === undefined) : null,
    };
    const queries = this.queriesFor(shape);
    const parameters = {
      openId: filter.openId,
      state: filter.state,
      phrase: filter.text && `"${filter.text.replace(/"/g, '""')}"`,
      namePhrase: filter.text && characterPhrase('name', filter.text),
      like: filter.text && containsPattern(filter.text),
      text: filter.text,
      limit: request.size,
      offset: pageOffset(request),
    };
    const total = await queries.count.number(parameters);
    const items = await readPage(queries, parameters, total);
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
  private matchFor(text: string, wholeTable: boolean): TextMatch {
    if (!wholeTable) return 'scan';
    if ([...text].length >= TRIGRAM) return 'index';
    if (!isIndexable(text) || !/\D/.test(text)) return 'scan';
    return [...text].length === 1 ? 'character' : 'names';
  }

  private queriesFor(shape: Shape) {
    const key = JSON.stringify(shape);
    let queries = this.prepared.get(key);
    if (!queries) {
      const conditions = [shape.user && 'r.open_id = :openId', shape.state && 'r.state = :state', shape.text && this.textMatch[shape.text]];
      const where = conditions.filter(Boolean).join(' AND ');
      const filtered = `FROM face_registration r${where ? ` WHERE ${where}` : ''}`;
      const tally = `SELECT COALESCE(SUM(t.total), 0) AS total FROM face_registration_tally t${shape.state ? ' WHERE t.state = :state' : ''}`;
      const page = `${newestFirst('r')} ${pagingClause(this.dataSource)}`;
      const byDay = this.dataSource.options.type === 'postgres' && !shape.user && !shape.text;
      queries = {
        items: new PreparedQuery(this.dataSource, FaceRegistration, `SELECT r.* ${filtered} ${page}`),
        deepItems: new PreparedQuery(
          this.dataSource,
          FaceRegistration,
          byDay ? dayMappedPage(shape.state) : `SELECT o.* FROM face_registration o WHERE o.id IN (SELECT r.id ${filtered} ${page}) ${newestFirst('o')}`,
        ),
        farItems: byDay
          ? undefined
          : new PreparedQuery(
              this.dataSource,
              FaceRegistration,
              `SELECT o.* FROM face_registration o WHERE o.id IN (SELECT r.id ${filtered} ${oldestFirst('r')} ${pagingClause(this.dataSource)}) ${newestFirst('o')}`,
            ),
        count: new PreparedQuery(this.dataSource, FaceRegistration, shape.user || shape.text ? `SELECT COUNT(*) AS total ${filtered}` : tally),
      };
      this.prepared.set(key, queries);
    }
    return queries;
  }
}
