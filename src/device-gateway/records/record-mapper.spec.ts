import { epoch, recordFields, splitFields, temperature } from './record-mapper';

describe('record mapping', () => {
  it('reads temperatures as numbers, strings and strings with a unit', () => {
    expect(temperature(36.4)).toBe(36.4);
    expect(temperature('36.59')).toBe(36.59);
    expect(temperature('36.5°C')).toBe(36.5);
    expect(temperature('n/a')).toBeNull();
    expect(temperature(undefined)).toBeNull();
    expect(temperature(1e20)).toBeNull();
    expect(temperature('-40')).toBe(-40);
  });

  it('reads seconds, and milliseconds from firmware that sends them', () => {
    expect(epoch(1616050021)?.toISOString()).toBe('2021-03-18T06:47:01.000Z');
    expect(epoch(1616050021000)?.toISOString()).toBe('2021-03-18T06:47:01.000Z');
    expect(epoch('1616050021')?.toISOString()).toBe('2021-03-18T06:47:01.000Z');
    expect(epoch(0)).toBeNull();
    expect(epoch('soon')).toBeNull();
    for (const wrong of [1e20, -1e20, 2 ** 53 + 1, 99_999_999_999_999, '1e20', 1, 4_102_444_800, -1616050021]) expect(epoch(wrong)).toBeNull();
    expect(epoch(4_102_444_799)?.toISOString()).toBe('2099-12-31T23:59:59.000Z');
  });

  it('matches known fields whatever their casing and keeps the rest', () => {
    const { known, unknown } = splitFields({ SignTime: 1, USERID: 'FR1', Temperatureunit: 'C', wearMask: true, extraThing: [1] });
    expect(known).toEqual({ signTime: 1, userId: 'FR1', wearMask: true });
    expect(unknown).toEqual({ Temperatureunit: 'C', extraThing: [1] });
  });

  it('keeps what does not fit as null rather than failing the record', () => {
    const received = new Date('2026-11-22T00:00:00Z');
    const fields = recordFields(3, 'recognition', 'push', { id: 'x', signTime: 'never', similarity: 'high', type: '2', wearMask: 'yes' }, received);
    expect(fields).toMatchObject({ terminalId: 3, recordId: null, signedAt: received, similarity: null, userType: 2, wearMask: null });
  });

  it('drops NUL bytes from a terminal\'s text, which PostgreSQL cannot store', () => {
    const fields = recordFields(3, 'recognition', 'push', { id: 7, signTime: 1_796_300_000, userId: 'FR\u00001', name: '张\u0000三' }, new Date());
    expect(fields).toMatchObject({ userId: 'FR1', name: '张三' });
  });
});
