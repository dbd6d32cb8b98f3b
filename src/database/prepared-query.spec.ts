import { DateUtils } from 'typeorm/util/DateUtils';
import { sqliteDate } from './prepared-query';

describe('sqliteDate', () => {
  it('reads what TypeORM writes to SQLite, as the driver would', () => {
    for (const date of [new Date('2026-12-03T08:15:30.123Z'), new Date(0), new Date('1999-12-31T23:59:59.999Z'), new Date('2099-02-28T00:00:00.000Z')]) {
      const stored = DateUtils.mixedDateToUtcDatetimeString(date) as string;
      expect(sqliteDate(stored)?.toISOString()).toBe(date.toISOString());
    }
  });

  it('leaves anything else to the driver', () => {
    for (const other of ['2026-12-03', '2026-12-03T08:15:30.123Z', '2026-12-03 08:15:30', 'abcd-ef-gh ij:kl:mn.opq', 42, null, undefined]) expect(sqliteDate(other)).toBeNull();
  });
});
