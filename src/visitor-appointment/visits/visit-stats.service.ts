import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SiteTime } from '../../common/clock/site-time';
import { PreparedSql, sqliteDate } from '../../database/prepared-query';

/** Today's visitors by where they are, people counted (a visit's companions too). */
export interface VisitorsToday {
  date: string;
  /** Authorised, not signed in yet, the visit not over. */
  expected: number;
  /** Signed in, the visit not over. */
  onSite: number;
  /** Signed in, the visit over. */
  gone: number;
  /** Authorised, never signed in, the visit over. */
  missed: number;
  /** Applied for, waiting for the employee to authorise. */
  awaitingAuthorisation: number;
}

/** What the console's first page shows of the visits of the site's day. */
@Injectable()
export class VisitStats {
  private readonly visitsOfDay: PreparedSql;

  constructor(
    dataSource: DataSource,
    private readonly siteTime: SiteTime,
  ) {
    this.visitsOfDay = new PreparedSql(
      dataSource,
      `SELECT a.end_time AS end_time, a.signin_time AS signin_time, a.is_auth AS is_auth,
              (SELECT COUNT(*) FROM visit_person p WHERE p.application_id = a.id) AS people
       FROM visit_application a WHERE a.end_time > :start AND a.start_time < :end`,
    );
  }

  async today(now: Date): Promise<VisitorsToday> {
    const day = this.siteTime.dayOf(now);
    const counts: VisitorsToday = { date: this.siteTime.date(now), expected: 0, onSite: 0, gone: 0, missed: 0, awaitingAuthorisation: 0 };
    for (const visit of await this.visitsOfDay.rows({ start: day.start, end: day.end })) {
      const people = Number(visit.people);
      // A raw row: SQLite gives its UTC text and 0/1, the server databases a Date and a boolean.
      const end = visit.end_time instanceof Date ? visit.end_time : sqliteDate(visit.end_time);
      const over = end !== null && end.getTime() <= now.getTime();
      if (visit.signin_time !== null) counts[over ? 'gone' : 'onSite'] += people;
      else if (Number(visit.is_auth) === 0) counts.awaitingAuthorisation += over ? 0 : people;
      else counts[over ? 'missed' : 'expected'] += people;
    }
    return counts;
  }
}
