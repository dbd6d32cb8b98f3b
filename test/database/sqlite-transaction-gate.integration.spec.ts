import { OutboxEvent } from '../../src/common/outbox/outbox-event.entity';
import { openTestDatabase, TestDatabase } from '../support/test-database';

const row = (key: string) => ({
  eventName: 'test',
  aggregateKey: key,
  payload: '{}',
  createdAt: new Date(),
  attempts: 0,
  nextAttemptAt: new Date(),
  lastError: null,
  deliveredAt: null,
});
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One SQLite connection, many async flows: a transaction must not take other flows' writes along. */
describe('transactions on SQLite (integration)', () => {
  let db: TestDatabase;

  beforeEach(async () => {
    db = await openTestDatabase();
  });

  afterEach(() => db.close());

  const keys = async () =>
    (await db.dataSource.getRepository(OutboxEvent).find({ order: { id: 'ASC' } })).map((e) => e.aggregateKey);

  it('keeps a write made by another flow while a transaction was open, when that transaction rolls back', async () => {
    const failing = db.dataSource.transaction(async (manager) => {
      await manager.getRepository(OutboxEvent).insert(row('inside'));
      await pause(30);
      throw new Error('rolled back');
    });
    await pause(5);
    await db.dataSource.getRepository(OutboxEvent).insert(row('outside'));
    await expect(failing).rejects.toThrow('rolled back');
    expect(await keys()).toEqual(['outside']);
  });

  it('does not nest a concurrent transaction into another one', async () => {
    const first = db.dataSource.transaction(async (manager) => {
      await manager.getRepository(OutboxEvent).insert(row('first'));
      await pause(30);
      throw new Error('first fails');
    });
    await pause(5);
    await db.dataSource.transaction((manager) => manager.getRepository(OutboxEvent).insert(row('second')));
    await expect(first).rejects.toThrow('first fails');
    expect(await keys()).toEqual(['second']);
  });

  it('still lets a transaction use its own manager, and nest on purpose', async () => {
    await db.dataSource.transaction(async (manager) => {
      await manager.getRepository(OutboxEvent).insert(row('outer'));
      await manager.transaction((inner) => inner.getRepository(OutboxEvent).insert(row('inner')));
      await db.dataSource.transaction((nested) => nested.getRepository(OutboxEvent).insert(row('nested')));
    });
    expect(await keys()).toEqual(['outer', 'inner', 'nested']);
  });
});
