import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseConfig } from '../../src/config/database.config';
import { InstanceLock, InstanceLockRefused } from '../../src/database/instance-lock';
import { testDatabaseConfig } from '../support/test-database';
import { onPostgres, removeTestDir } from '../support/test-database-server';

/** Who may use one database at the same time: one instance alone, or the instances of a cluster. */
describe('InstanceLock (integration)', () => {
  let dir: string;
  let db: DatabaseConfig;
  const held: InstanceLock[] = [];
  const take = async (sharing: 'alone' | 'cluster') => {
    const lock = await InstanceLock.take(db, sharing);
    held.push(lock);
    return lock;
  };
  const release = async (lock: InstanceLock) => {
    held.splice(held.indexOf(lock), 1);
    await lock.onApplicationShutdown();
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'facegate-lock-'));
    db = await testDatabaseConfig(dir);
  });
  afterEach(async () => {
    for (const lock of [...held]) await release(lock);
  });
  afterAll(() => removeTestDir(dir));

  it('refuses a second instance alone, with a message that says what to do, and lets it start once the first stopped', async () => {
    const first = await take('alone');
    await expect(take('alone')).rejects.toThrow(InstanceLockRefused);
    await expect(take('alone')).rejects.toThrow(/another FaceGate instance is running on .*: run one instance at a time, or give every instance the same REDIS_URL/);
    await release(first);
    await take('alone');
  });

  (onPostgres() ? it : it.skip)('lets the instances of a cluster share the database, but not with an instance alone', async () => {
    await take('cluster');
    await take('cluster');
    await expect(take('alone')).rejects.toThrow(/another FaceGate instance is running/);
    for (const lock of [...held]) await release(lock);
    await take('alone');
    await expect(take('cluster')).rejects.toThrow(/a FaceGate instance without REDIS_URL is running on .*: stop it, or give it the cluster's REDIS_URL too/);
  });

  (onPostgres() ? it : it.skip)('runs the migrations of instances starting together one at a time', async () => {
    const [a, b] = [await take('cluster'), await take('cluster')];
    const order: string[] = [];
    const migrate = (name: string) => async () => {
      order.push(`${name} starts`);
      await new Promise((resolve) => setTimeout(resolve, 100));
      order.push(`${name} ends`);
    };
    await Promise.all([a.whileMigrating(migrate('a')), b.whileMigrating(migrate('b'))]);
    expect([
      ['a starts', 'a ends', 'b starts', 'b ends'],
      ['b starts', 'b ends', 'a starts', 'a ends'],
    ]).toContainEqual(order);
  });
});
