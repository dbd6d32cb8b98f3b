import { openTestDatabase, TestDatabase } from '../support/test-database';
import { onPostgres } from '../support/test-database-server';
import { sql } from '../support/test-sql';
import { UnitOfWork } from '../../src/database/unit-of-work';

describe(`migrations on ${onPostgres() ? 'PostgreSQL' : 'SQLite'} (integration)`, () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await openTestDatabase();
  });

  afterAll(() => db.close());

  it('leave nothing for the entities to add', async () => {
    const pending = await db.dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('seed the review policy and the per-state tallies', async () => {
    expect(await sql(db.dataSource, 'SELECT id, review_required FROM registration_policy')).toEqual([{ id: 1, review_required: 1 }]);
    expect(await sql(db.dataSource, 'SELECT state, total FROM face_registration_tally ORDER BY state')).toEqual(
      [0, 1, 2, 3].map((state) => ({ state, total: 0 })),
    );
  });

  it('can be undone and redone', async () => {
    for (let i = 0; i < db.dataSource.migrations.length; i++) await new UnitOfWork(db.dataSource).exclusive(() => db.dataSource.undoLastMigration());
    const tables = await sql(
      db.dataSource,
      onPostgres()
        ? `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'`
        : `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`,
    );
    expect(tables).toEqual([{ name: 'migrations' }]);
    await new UnitOfWork(db.dataSource).exclusive(() => db.dataSource.runMigrations());
    expect((await db.dataSource.driver.createSchemaBuilder().log()).upQueries).toEqual([]);
  });
});
