import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { Page, PageRequest, pageOffset } from '../../common/paging/page';
import { characterPhrase, isIndexable, postgresCharactersMatch } from '../../database/character-index';
import { containsPattern, containsSql } from '../../database/like-pattern';
import { pagingClause, PreparedQuery, PreparedSql, rawDate } from '../../database/prepared-query';
import { VisitApplication } from './visit-application.entity';
import { VisitPerson } from './visit-person.entity';
import { Visit } from './visit-presenter';
import { readPage } from '../../database/far-end-page';

export interface VisitFilter {
  proposer?: string;
  /** Substring of the main visitor's name. */
  name?: string;
  phone?: string;
  /** Substring of the interviewee's name. */
  interviewee?: string;
  intervieweePhone?: string;
  /** Visits starting at or after this time. */
  startsFrom?: Date;
  /** Visits ending at or before this time. */
  endsBy?: Date;
  isAuth?: boolean;
}

type TextColumn = 'name' | 'interviewee';
/** `character`: a text of one character, which the character index alone answers. */
type TextMatch = 'index' | 'character' | 'scan' | null;

interface Shape {
  proposer: boolean;
  phone: boolean;
  intervieweePhone: boolean;
  startsFrom: boolean;
  endsBy: boolean;
  isAuth: boolean;
  name: TextMatch;
  interviewee: TextMatch;
}

const EXACT = { proposer: 'a.proposer = :proposer', phone: 'a.phone = :phone', intervieweePhone: 'a.interviewee_phone = :intervieweePhone' };
const RANGE = { startsFrom: 'a.start_time >= :startsFrom', endsBy: 'a.end_time <= :endsBy', isAuth: 'a.is_auth = :isAuth' };

/** A text in a column: through the character index (SQLite's FTS5, PostgreSQL's GIN of characters), or row by row (SQL Server). */
function textCondition(dataSource: DataSource, column: TextColumn, match: TextMatch): string | false {
  if (!match) return false;
  const scan = containsSql(dataSource, `a.${column}`, `${column}Like`);
  if (match === 'scan') return scan;
  if (dataSource.options.type === 'better-sqlite3') return `a.id IN (SELECT rowid FROM visit_application_chars WHERE visit_application_chars MATCH :${column}Phrase)`;
  if (dataSource.options.type === 'postgres') return postgresCharactersMatch(`a.${column}`, column, match === 'index' ? scan : undefined);
  return scan;
}

function phrase(column: TextColumn, text: string | undefined): string | undefined {
  return text && characterPhrase(column, text);
}

/** A visit of the day as the console counts it: when it ends, whether it was signed in or authorised, how many people. */
export interface VisitOfDay {
  endTime: Date | null;
  signedIn: boolean;
  authorised: boolean;
  people: number;
}

/**
 * Every read of visits that needs SQL of its own. The lists (newest first, for the H5 pages and
 * the back office): each filter shape is prepared once; unfiltered counts come from the per-state
 * tallies, name searches over the whole table use the character index, and deep pages find their
 * ids before touching any row.
 */
@Injectable()
export class VisitQuery {
  private readonly prepared = new Map<
    string,
    { items: PreparedQuery<VisitApplication>; deepItems: PreparedQuery<VisitApplication>; farItems: PreparedQuery<VisitApplication>; count: PreparedQuery<VisitApplication> }
  >();
  private readonly ofDay: PreparedSql;

  constructor(private readonly dataSource: DataSource) {
    this.ofDay = new PreparedSql(
      dataSource,
      `SELECT a.end_time AS end_time, a.signin_time AS signin_time, a.is_auth AS is_auth,
              (SELECT COUNT(*) FROM visit_person p WHERE p.application_id = a.id) AS people
       FROM visit_application a WHERE a.end_time > :start AND a.start_time < :end`,
    );
  }

  /** The visits under way at some time between `start` and `end`. */
  async between(start: Date, end: Date): Promise<VisitOfDay[]> {
    return (await this.ofDay.rows({ start, end })).map((visit) => ({
      // A raw row: SQLite gives 0/1, the server databases a boolean.
      endTime: rawDate(visit.end_time),
      signedIn: visit.signin_time !== null,
      authorised: Number(visit.is_auth) !== 0,
      people: Number(visit.people),
    }));
  }

  /** The visits of anyone (main visitor or companion) with this phone that have not ended by `now` and start before `dayEnd`, earliest first. */
  upcomingOf(phone: string, now: Date, dayEnd: Date): Promise<VisitApplication[]> {
    return this.dataSource
      .getRepository(VisitApplication)
      .createQueryBuilder('a')
      .where('a.id IN (SELECT p.application_id FROM visit_person p WHERE p.phone = :phone)', { phone })
      .andWhere('a.start_time < :dayEnd AND a.end_time > :now', { dayEnd, now })
      .orderBy('a.start_time', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .getMany();
  }

  /** Up to `limit` people with a photo whose visit ended before `cutoff`. */
  photosEndedBefore(cutoff: Date, limit: number): Promise<{ id: number; photoKey: string }[]> {
    return this.dataSource
      .getRepository(VisitPerson)
      .createQueryBuilder('p')
      .select('p.id', 'id')
      .addSelect('p.photo_key', 'photoKey')
      .innerJoin(VisitApplication, 'a', 'a.id = p.application_id')
      .where('p.photo_key IS NOT NULL')
      .andWhere('a.end_time < :cutoff', { cutoff })
      .limit(limit)
      .getRawMany<{ id: number; photoKey: string }>();
  }

  async page(filter: VisitFilter, request: PageRequest): Promise<Page<Visit>> {
    const narrowed = Boolean(filter.proposer || filter.phone || filter.intervieweePhone);
    const shape: Shape = {
      proposer: filter.proposer !== undefined,
      phone: filter.phone !== undefined,
      intervieweePhone: filter.intervieweePhone !== undefined,
      startsFrom: filter.startsFrom !== undefined,
      endsBy: filter.endsBy !== undefined,
      isAuth: filter.isAuth !== undefined,
      name: this.textMatch(filter.name, narrowed),
      interviewee: this.textMatch(filter.interviewee, narrowed),
    };
    const queries = this.queriesFor(shape);
    const parameters = {
      ...filter,
      namePhrase: phrase('name', filter.name),
      nameLike: filter.name && containsPattern(filter.name),
      intervieweePhrase: phrase('interviewee', filter.interviewee),
      intervieweeLike: filter.interviewee && containsPattern(filter.interviewee),
      // The tally's key is a number (0 or 1) on every database, the visit's flag a boolean.
      tallyKey: filter.isAuth === undefined ? undefined : Number(filter.isAuth),
      limit: request.size,
      offset: pageOffset(request),
    };
    const total = await queries.count.number(parameters);
    const applications = await readPage(queries, parameters, total);
    return { items: await this.withPeople(applications), page: request.page, size: request.size, total };
  }

  private async withPeople(applications: VisitApplication[]): Promise<Visit[]> {
    if (applications.length === 0) return [];
    const people = await this.dataSource
      .getRepository(VisitPerson)
      .find({ where: { applicationId: In(applications.map((a) => a.id)) }, order: { id: 'ASC' } });
    const byApplication = new Map<number, VisitPerson[]>(applications.map((a) => [a.id, []]));
    for (const person of people) byApplication.get(person.applicationId)!.push(person);
    return applications.map((application) => ({ application, people: byApplication.get(application.id)! }));
  }

  /** PostgreSQL: the column of a one-character search that its character tally counts alone (nothing else filters but the authorisation). */
  private talliedCharacter(shape: Shape): TextColumn | null {
    if (this.dataSource.options.type !== 'postgres') return null;
    const others = Object.entries(shape).filter(([name, on]) => on && name !== 'isAuth' && name !== 'name' && name !== 'interviewee');
    if (others.length > 0) return null;
    if (shape.name === 'character' && !shape.interviewee) return 'name';
    if (shape.interviewee === 'character' && !shape.name) return 'interviewee';
    return null;
  }

  /** A phone's own few rows are cheaper to scan than to look up in the index. */
  private textMatch(text: string | undefined, narrowed: boolean): TextMatch {
    if (!text) return null;
    if (narrowed || !isIndexable(text)) return 'scan';
    return [...text].length === 1 ? 'character' : 'index';
  }

  private queriesFor(shape: Shape) {
    const key = JSON.stringify(shape);
    let queries = this.prepared.get(key);
    if (!queries) {
      const conditions = [
        ...(Object.keys(EXACT) as (keyof typeof EXACT)[]).map((name) => shape[name] && EXACT[name]),
        ...(Object.keys(RANGE) as (keyof typeof RANGE)[]).map((name) => shape[name] && RANGE[name]),
        textCondition(this.dataSource, 'name', shape.name),
        textCondition(this.dataSource, 'interviewee', shape.interviewee),
      ];
      const where = conditions.filter(Boolean).join(' AND ');
      const filtered = `FROM visit_application a${where ? ` WHERE ${where}` : ''}`;
      const unfiltered = Object.entries(shape).every(([name, on]) => !on || name === 'isAuth');
      const tally = `SELECT COALESCE(SUM(t.total), 0) AS total FROM visit_application_tally t${shape.isAuth ? ' WHERE t.is_auth = :tallyKey' : ''}`;
      const character = this.talliedCharacter(shape);
      const characterTally =
        character &&
        `SELECT COALESCE(SUM(t.total), 0) AS total FROM visit_character_tally t WHERE t.field = '${character}' AND t.ch = lower(:${character})${shape.isAuth ? ' AND t.is_auth = :tallyKey' : ''}`;
      const page = `ORDER BY a.id DESC ${pagingClause(this.dataSource)}`;
      const pageFromFarEnd = `ORDER BY a.id ASC ${pagingClause(this.dataSource)}`;
      queries = {
        items: new PreparedQuery(this.dataSource, VisitApplication, `SELECT a.* ${filtered} ${page}`),
        deepItems: new PreparedQuery(
          this.dataSource,
          VisitApplication,
          `SELECT o.* FROM visit_application o WHERE o.id IN (SELECT a.id ${filtered} ${page}) ORDER BY o.id DESC`,
        ),
        farItems: new PreparedQuery(
          this.dataSource,
          VisitApplication,
          `SELECT o.* FROM visit_application o WHERE o.id IN (SELECT a.id ${filtered} ${pageFromFarEnd}) ORDER BY o.id DESC`,
        ),
        count: new PreparedQuery(this.dataSource, VisitApplication, unfiltered ? tally : characterTally || `SELECT COUNT(*) AS total ${filtered}`),
      };
      this.prepared.set(key, queries);
    }
    return queries;
  }
}
