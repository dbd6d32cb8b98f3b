import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app.config';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * The site's wall clock (SITE_TIMEZONE). The zone's UTC offset is looked up once per hour of time
 * (Intl is slow) and reused whenever it is the same at both ends of that hour, i.e. no clock change
 * happens inside it.
 */
@Injectable()
export class SiteTime {
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

  /** The wall-clock time at `time`, as a Date whose UTC fields read the site's local fields. */
  wall(time: number): Date {
    return new Date(time + this.offsetAt(time));
  }

  /** Milliseconds to add to UTC to get the site's wall clock at `time`. */
  offsetAt(time: number): number {
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

  /** The local calendar day containing `at`: its first instant and the first instant of the next day. */
  dayOf(at: Date): { start: Date; end: Date } {
    const wall = this.wall(at.getTime());
    const midnight = Date.UTC(wall.getUTCFullYear(), wall.getUTCMonth(), wall.getUTCDate());
    return { start: this.instantOf(midnight), end: this.instantOf(midnight + DAY_MS) };
  }

  /** The first instant of the wall-clock hour containing `time`. */
  hourStart(time: number): Date {
    const offset = this.offsetAt(time);
    return new Date(Math.floor((time + offset) / HOUR_MS) * HOUR_MS - offset);
  }

  /**
   * A local calendar day (`YYYY-MM-DD`, or the one containing an instant): its end, and the first
   * instant of each of its hours (23 or 25 of them on the days the clock changes, which it does on
   * the hour).
   */
  hoursOf(day: string | Date): { date: string; starts: Date[]; end: Date } {
    const { start, end } = this.dayOf(typeof day === 'string' ? this.instantOf(Date.parse(`${day}T12:00:00Z`)) : day);
    const starts: Date[] = [];
    for (let at = start.getTime(); at < end.getTime(); at += HOUR_MS) starts.push(new Date(at));
    return { date: this.date(start), starts, end };
  }

  /** `YYYY-MM-DD` on the site's calendar. */
  date(at: Date): string {
    return this.wall(at.getTime()).toISOString().slice(0, 10);
  }

  /** `YYYY-MM-DD HH:mm` on the site's wall clock. */
  minutes(at: Date): string {
    return this.wall(at.getTime()).toISOString().slice(0, 16).replace('T', ' ');
  }

  /** The instant whose wall-clock reading is `wallMs` (read as UTC fields). */
  private instantOf(wallMs: number): Date {
    const guess = wallMs - this.offsetAt(wallMs);
    return new Date(wallMs - this.offsetAt(guess));
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
