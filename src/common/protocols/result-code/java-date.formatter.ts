import { Injectable } from '@nestjs/common';
import { SiteTime } from '../../clock/site-time';

/** A java.util.Date as the original server serialised it; the desktop client reads `time`. */
export interface JavaDate {
  time: number;
  year: number;
  month: number;
  date: number;
  day: number;
  hours: number;
  minutes: number;
  seconds: number;
  timezoneOffset: number;
}

/** Renders dates the way the original Java server did, in the site's time zone (SITE_TIMEZONE). */
@Injectable()
export class JavaDateFormatter {
  constructor(private readonly site: SiteTime) {}

  toJava(value: Date): JavaDate {
    const time = value.getTime();
    const offsetMs = this.site.offsetAt(time);
    const wall = new Date(time + offsetMs);
    return {
      time,
      year: wall.getUTCFullYear() - 1900,
      month: wall.getUTCMonth(),
      date: wall.getUTCDate(),
      day: wall.getUTCDay(),
      hours: wall.getUTCHours(),
      minutes: wall.getUTCMinutes(),
      seconds: wall.getUTCSeconds(),
      timezoneOffset: -Math.round(offsetMs / 60000),
    };
  }
}
