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

const HOUR_MS = 3_600_000;

/**
 * Renders dates the way the original Java server did, in the site's time zone (SITE_TIMEZONE).
 * The zone's UTC offset is looked up once per hour of time (Intl is slow) and reused whenever it
 * is the same at both ends of that hour, i.e. no clock change happens inside it.
 */
@Injectable()
export class JavaDateFormatter {
  private readonly format: Intl.DateTimeFormat;
  private readonly offsets = new Map<number, number | null>();

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
    const time = value.getTime();
    const offsetMs = this.offsetAt(time);
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

  /** Milliseconds to add to UTC to get the site's wall clock at `time`. */
  private offsetAt(time: number): number {
    const hour = Math.floor(time / HOUR_MS);
    let offset = this.offsets.get(hour);
    if (offset === undefined) {
      const start = this.measure(hour * HOUR_MS);
      offset = start === this.measure((hour + 1) * HOUR_MS - 1000) ? start : null;
      if (this.offsets.size > 100_000) this.offsets.clear();
      this.offsets.set(hour, offset);
    }
    return offset ?? this.measure(time);
  }

  private measure(time: number): number {
    const parts: Record<string, number> = {};
    for (const part of this.format.formatToParts(time)) {
      if (part.type !== 'literal') parts[part.type] = Number(part.value);
    }
    const wallClock = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
    return wallClock - Math.floor(time / 1000) * 1000;
  }
}
