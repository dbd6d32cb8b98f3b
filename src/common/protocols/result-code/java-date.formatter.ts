import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../../config/app.config';

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
  private readonly format: Intl.DateTimeFormat;

  constructor(app: AppConfig) {
    this.format = new Intl.DateTimeFormat('en-US', {
      timeZone: app.siteTimezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  }

  toJava(value: Date): JavaDate {
    const parts: Record<string, number> = {};
    for (const part of this.format.formatToParts(value)) {
      if (part.type !== 'literal') parts[part.type] = Number(part.value);
    }
    const wallClock = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
    const wholeSeconds = Math.floor(value.getTime() / 1000) * 1000;
    return {
      time: value.getTime(),
      year: parts.year - 1900,
      month: parts.month - 1,
      date: parts.day,
      day: new Date(wallClock).getUTCDay(),
      hours: parts.hour,
      minutes: parts.minute,
      seconds: parts.second,
      timezoneOffset: -Math.round((wallClock - wholeSeconds) / 60000),
    };
  }
}
