import { Injectable } from '@nestjs/common';
import { SiteTime } from '../../common/clock/site-time';
import { VisitQuery } from './visit.query';

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
  constructor(
    private readonly query: VisitQuery,
    private readonly siteTime: SiteTime,
  ) {}

  async today(now: Date): Promise<VisitorsToday> {
    const day = this.siteTime.dayOf(now);
    const counts: VisitorsToday = { date: this.siteTime.date(now), expected: 0, onSite: 0, gone: 0, missed: 0, awaitingAuthorisation: 0 };
    for (const { endTime, signedIn, authorised, people } of await this.query.between(day.start, day.end)) {
      const over = endTime !== null && endTime.getTime() <= now.getTime();
      if (signedIn) counts[over ? 'gone' : 'onSite'] += people;
      else if (!authorised) counts.awaitingAuthorisation += over ? 0 : people;
      else counts[over ? 'missed' : 'expected'] += people;
    }
    return counts;
  }
}
