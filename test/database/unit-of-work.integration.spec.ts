import { OutboxEvent } from '../../src/common/outbox/outbox-event.entity';
import { Terminal } from '../../src/device-gateway/terminals/terminal.entity';
import { UnitOfWork } from '../../src/database/unit-of-work';
import { openTestDatabase, TestDatabase } from '../support/test-database';
import { onPostgres } from '../support/test-database-server';

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
const terminal = (name: string, port: number): Partial<Terminal> => ({
  name,
  host: '10.0.0.1',
  port,
  wsPort: 9000,
  passwordSealed: 'sealed',
  enabled: true,
  provisioning: true,
  linkState: 'disconnected',
  createdAt: new Date(),
  updatedAt: new Date(),
});
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** The error a unit of work ended with, caught at once (the work beside it may outlast it on a server database). */
const failure = (unit: Promise<unknown>) => unit.then(() => null, (error: Error) => error.message);

/** Many async flows, one SQLite connection (or a pool): a unit of work must not take other flows' writes along. */
describe('units of work (integration)', () => {
  let db: TestDatabase;
  let unitOfWork: UnitOfWork;

  beforeEach(async () => {
    db = await openTestDatabase();
    unitOfWork = new UnitOfWork(db.dataSource);
  });

  afterEach(() => db.close());

  const keys = async () =>
    (await db.dataSource.getRepository(OutboxEvent).find({ order: { id: 'ASC' } })).map((e) => e.aggregateKey);

  it('keeps a write made by another flow while a transaction was open, when that transaction rolls back', async () => {
    const failing = failure(unitOfWork.run(async (manager) => {
      await manager.getRepository(OutboxEvent).insert(row('inside'));
      await pause(30);
      throw new Error('rolled back');
    }));
    await pause(5);
    await db.dataSource.getRepository(OutboxEvent).insert(row('outside'));
    expect(await failing).toBe('rolled back');
    expect(await keys()).toEqual(['outside']);
  });

  it('does not nest a concurrent transaction into another one', async () => {
    const first = failure(unitOfWork.run(async (manager) => {
      await manager.getRepository(OutboxEvent).insert(row('first'));
      await pause(30);
      throw new Error('first fails');
    }));
    await pause(5);
    await unitOfWork.run((manager) => manager.getRepository(OutboxEvent).insert(row('second')));
    expect(await first).toBe('first fails');
    expect(await keys()).toEqual(['second']);
  });

  it('lets a unit of work use its own manager, and joins one started inside it (the outer one rolls both back)', async () => {
    await unitOfWork.run(async (manager) => {
      await manager.getRepository(OutboxEvent).insert(row('outer'));
      await manager.transaction((inner) => inner.getRepository(OutboxEvent).insert(row('inner')));
      await unitOfWork.run((nested) => nested.getRepository(OutboxEvent).insert(row('nested')));
    });
    expect(await keys()).toEqual(['outer', 'inner', 'nested']);
    const failing = failure(unitOfWork.run(async () => {
      await new UnitOfWork(db.dataSource).run((nested) => nested.getRepository(OutboxEvent).insert(row('joined')));
      throw new Error('outer fails');
    }));
    expect(await failing).toBe('outer fails');
    expect(await keys()).toEqual(['outer', 'inner', 'nested']);
  });

  it("lets a single write join the caller's unit through manager(), and stand alone outside one", async () => {
    const failing = failure(
      unitOfWork.run(async () => {
        await unitOfWork.manager().getRepository(OutboxEvent).insert(row('joined'));
        throw new Error('rolled back');
      }),
    );
    expect(await failing).toBe('rolled back');
    await unitOfWork.manager().getRepository(OutboxEvent).insert(row('alone'));
    expect(await keys()).toEqual(['alone']);
  });

  it('does not let work a unit spawned join it after it ended (a timer, a listener)', async () => {
    let spawned!: Promise<unknown>;
    await unitOfWork.run(async (manager) => {
      await manager.getRepository(OutboxEvent).insert(row('unit'));
      spawned = pause(20).then(() => unitOfWork.run((later) => later.getRepository(OutboxEvent).insert(row('spawned'))));
    });
    await spawned;
    expect(await keys()).toEqual(['unit', 'spawned']);
  });

  it('keeps single saves and removes made beside an open unit of work when it rolls back', async () => {
    const repository = db.dataSource.getRepository(OutboxEvent);
    const first = failure(unitOfWork.run(async (manager) => {
      await manager.getRepository(OutboxEvent).insert(row('first'));
      await pause(30);
      throw new Error('first fails');
    }));
    await pause(5);
    const alone = { transaction: false };
    const saved = await Promise.all([repository.save(repository.create(row('saved')), alone), repository.save(repository.create(row('also saved')), alone)]);
    expect(await first).toBe('first fails');
    expect((await keys()).sort()).toEqual(['also saved', 'saved']);
    await repository.remove(saved[0], alone);
    expect(await keys()).toEqual(['also saved']);
  });

  (onPostgres() ? it.skip : it)('refuses on SQLite a transaction opened beside the unit of work (it would share the one connection)', async () => {
    const repository = db.dataSource.getRepository(OutboxEvent);
    await expect(repository.save(repository.create(row('implicit')))).rejects.toThrow(/UnitOfWork\.run\(\)/);
    await expect(db.dataSource.transaction((manager) => manager.getRepository(OutboxEvent).insert(row('direct')))).rejects.toThrow(/UnitOfWork/);
    expect(await keys()).toEqual([]);
  });

  it('does not let a unit of work begin inside a failing single save', async () => {
    const terminals = db.dataSource.getRepository(Terminal);
    await terminals.insert(terminal('Gate', 1));
    // The save fails on the unique name; the unit of work starts at each point of the save's work.
    for (let ticks = 0; ticks <= 12; ticks++) {
      const save = terminals.save(terminals.create(terminal('Gate', 2 + ticks)), { transaction: false }).catch((error: Error) => error);
      for (let i = 0; i < ticks; i++) await Promise.resolve();
      const other = unitOfWork.run((manager) => manager.getRepository(OutboxEvent).insert(row(`committed ${ticks}`)));
      await expect(other).resolves.toBeDefined();
      expect(await save).toBeInstanceOf(Error);
    }
    expect(await keys()).toHaveLength(13);
  });

  it('runs transactions started in the same tick one after the other, and plain queries between them', async () => {
    const repository = db.dataSource.getRepository(OutboxEvent);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) =>
        i % 3 === 2
          ? repository.insert(row(`plain ${i}`))
          : unitOfWork.run(async (manager) => {
              await manager.getRepository(OutboxEvent).insert(row(`tx ${i}`));
              await pause(1);
              if (i % 3 === 1) throw new Error(`tx ${i} fails`);
            }),
      ),
    );
    expect(outcomes.filter((o) => o.status === 'rejected').map((o) => String((o as PromiseRejectedResult).reason.message))).toEqual(
      [1, 4, 7, 10].map((i) => `tx ${i} fails`),
    );
    expect((await keys()).sort()).toEqual(['plain 11', 'plain 2', 'plain 5', 'plain 8', 'tx 0', 'tx 3', 'tx 6', 'tx 9']);
  });
});
