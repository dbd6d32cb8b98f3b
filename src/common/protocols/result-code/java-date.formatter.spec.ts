import { AppConfig } from '../../../config/app.config';
import { SiteTime } from '../../clock/site-time';
import { JavaDateFormatter } from './java-date.formatter';

function formatter(timeZone: string): JavaDateFormatter {
  return new JavaDateFormatter(new SiteTime(Object.assign(new AppConfig(), { siteTimezone: timeZone })));
}

describe('JavaDateFormatter', () => {
  it('renders the example the desktop client was built against', () => {
    expect(formatter('Asia/Shanghai').toJava(new Date(1578470400000))).toEqual({
      time: 1578470400000,
      year: 120,
      month: 0,
      date: 8,
      day: 3,
      hours: 16,
      minutes: 0,
      seconds: 0,
      timezoneOffset: -480,
    });
  });

  it('follows daylight saving time in zones that have it', () => {
    const summer = formatter('Europe/Berlin').toJava(new Date('2026-07-01T10:30:15.250Z'));
    expect(summer).toMatchObject({ hours: 12, minutes: 30, seconds: 15, timezoneOffset: -120, time: Date.parse('2026-07-01T10:30:15.250Z') });
    expect(formatter('Europe/Berlin').toJava(new Date('2026-01-01T10:00:00Z')).timezoneOffset).toBe(-60);
  });

  it('crosses the date line into the next day', () => {
    expect(formatter('Asia/Shanghai').toJava(new Date('2026-12-31T20:00:00Z'))).toMatchObject({ year: 127, month: 0, date: 1, hours: 4, day: 5 });
  });
});

describe('JavaDateFormatter around a clock change', () => {
  it('is exact on both sides of a daylight-saving switch inside an hour', () => {
    const berlin = formatter('Europe/Berlin');
    expect(berlin.toJava(new Date('2026-03-29T00:59:59Z'))).toMatchObject({ hours: 1, minutes: 59, timezoneOffset: -60 });
    expect(berlin.toJava(new Date('2026-03-29T01:00:00Z'))).toMatchObject({ hours: 3, minutes: 0, timezoneOffset: -120 });
    const lordHowe = formatter('Australia/Lord_Howe');
    expect(lordHowe.toJava(new Date('2026-04-04T14:59:00Z'))).toMatchObject({ hours: 1, minutes: 59, timezoneOffset: -660 });
    expect(lordHowe.toJava(new Date('2026-04-04T15:00:00Z'))).toMatchObject({ hours: 1, minutes: 30, timezoneOffset: -630 });
  });
});
