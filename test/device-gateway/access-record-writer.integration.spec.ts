import { AccessRecord } from '../../src/device-gateway/records/access-record.entity';
import { AccessRecordWriter } from '../../src/device-gateway/records/access-record.writer';
import { UnitOfWork } from '../../src/database/unit-of-work';
import { openTestDatabase, TestDatabase } from '../support/test-database';

const record = (terminalId: number, recordId: number | null, name: string): AccessRecord =>
  Object.assign(new AccessRecord(), {
    terminalId,
    kind: 'recognition',
    source: 'push',
    recordId,
    signedAt: new Date('2026-12-01T08:00:00Z'),
    userId: 'P1',
    name,
    userType: 1,
    inputType: null,
    similarity: 90,
    temperature: null,
    temperatureState: null,
    wearMask: null,
    wearMaskAlarm: null,
    icNumber: null,
    idNumber: null,
    deviceMark: null,
    doorOpened: true,
    avatarKey: null,
    extra: null,
    receivedAt: new Date('2026-12-01T08:00:01Z'),
  });

/** Two instances may store the same terminal's records at once (a takeover, a backfill): the second copy is skipped, never the batch. */
describe('AccessRecordWriter (integration)', () => {
  let db: TestDatabase;
  let writer: AccessRecordWriter;
  const names = async () => (await db.dataSource.getRepository(AccessRecord).find({ order: { id: 'ASC' } })).map((r) => `${r.terminalId}/${r.recordId}/${r.name}`);

  beforeAll(async () => {
    db = await openTestDatabase();
    writer = new AccessRecordWriter(db.dataSource, new UnitOfWork(db.dataSource));
  });
  afterAll(() => db.close());

  it('stores a batch without the records already stored, and says which it stored', async () => {
    expect((await writer.insertAll([record(1, 1, 'first'), record(1, 2, 'second')])).map((r) => r.name)).toEqual(['first', 'second']);
    const stored = await writer.insertAll([record(1, 2, 'again'), record(1, 3, 'third'), record(2, 2, 'other door'), record(1, null, 'callback'), record(1, null, 'callback')]);
    expect(stored.map((r) => r.name)).toEqual(['third', 'other door', 'callback', 'callback']);
    expect(stored.every((r) => Number.isInteger(r.id))).toBe(true);
    expect(await names()).toEqual(['1/1/first', '1/2/second', '1/3/third', '2/2/other door', '1/null/callback', '1/null/callback']);
  });

  it('stores each record once when two writers race with the same batch', async () => {
    const batch = () => Array.from({ length: 20 }, (_, i) => record(3, 100 + i, `race ${i}`));
    const [one, two] = await Promise.all([writer.insertAll(batch()), new AccessRecordWriter(db.dataSource, new UnitOfWork(db.dataSource)).insertAll(batch())]);
    expect(one.length + two.length).toBe(20);
    expect((await names()).filter((n) => n.startsWith('3/'))).toHaveLength(20);
  });
});
