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
});
