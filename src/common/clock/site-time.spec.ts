import { AppConfig } from '../../config/app.config';
import { SiteTime } from './site-time';

function site(timeZone: string): SiteTime {
  return new SiteTime(Object.assign(new AppConfig(), { siteTimezone: timeZone }));
}

describe('SiteTime', () => {
  it("finds the site's calendar day, not the UTC one", () => {
    const day = site('Asia/Shanghai').dayOf(new Date('2026-11-22T17:30:00Z'));
    expect(day.start.toISOString()).toBe('2026-11-22T16:00:00.000Z');
    expect(day.end.toISOString()).toBe('2026-11-23T16:00:00.000Z');
  });

  it('has 23-hour and 25-hour days where the clocks change', () => {
    const spring = site('Europe/Berlin').dayOf(new Date('2026-03-29T12:00:00Z'));
    expect(spring.start.toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(spring.end.toISOString()).toBe('2026-03-29T22:00:00.000Z');
    const autumn = site('Europe/Berlin').dayOf(new Date('2026-10-25T12:00:00Z'));
    expect(autumn.end.getTime() - autumn.start.getTime()).toBe(25 * 3_600_000);
  });

  it('formats minutes on the wall clock', () => {
    expect(site('Asia/Shanghai').minutes(new Date('2026-11-22T02:05:59Z'))).toBe('2026-11-22 10:05');
  });

  it('lists the hours of a day, 23 or 25 where the clocks change, and finds the start of an hour', () => {
    const shanghai = site('Asia/Shanghai').hoursOf('2026-12-03');
    expect(shanghai.date).toBe('2026-12-03');
    expect(shanghai.starts).toHaveLength(24);
    expect(shanghai.starts[0].toISOString()).toBe('2026-12-02T16:00:00.000Z');
    expect(shanghai.starts[23].toISOString()).toBe('2026-12-03T15:00:00.000Z');
    expect(shanghai.end.toISOString()).toBe('2026-12-03T16:00:00.000Z');
    expect(site('Asia/Shanghai').hoursOf(new Date('2026-12-03T17:00:00Z')).date).toBe('2026-12-04');
    expect(site('Europe/Berlin').hoursOf('2026-03-29').starts).toHaveLength(23);
    expect(site('Europe/Berlin').hoursOf('2026-10-25').starts).toHaveLength(25);
    expect(site('Asia/Kolkata').hoursOf('2026-12-03').starts[1].toISOString()).toBe('2026-12-02T19:30:00.000Z');
    expect(site('Asia/Shanghai').hourStart(Date.parse('2026-12-03T01:59:59Z')).toISOString()).toBe('2026-12-03T01:00:00.000Z');
    expect(site('Asia/Kolkata').hourStart(Date.parse('2026-12-03T01:59:59Z')).toISOString()).toBe('2026-12-03T01:30:00.000Z');
  });
});
