import { ClusterMembership } from '../../src/common/cluster/cluster-membership';
import { RedisConnection } from '../../src/common/cluster/redis.connection';
import { RedisLeases } from '../../src/common/cluster/redis-leases';
import { Metrics } from '../../src/common/metrics/metrics';
import { ClusterConfig } from '../../src/config/cluster.config';
import { LeasedTerminalOwnership } from '../../src/device-gateway/terminals/leased-terminal-ownership';
import { TerminalQuery } from '../../src/device-gateway/terminals/terminal.query';
import { describeWithRedis, dropRedisPrefix, TEST_REDIS_URL, testRedisPrefix } from '../support/test-redis';

const TTL = 2000;

interface Instance {
  name: string;
  redis: RedisConnection;
  leases: RedisLeases;
  ownership: LeasedTerminalOwnership;
  /** Terminals gained (true) and lost, in order. */
  changes: [number, boolean][];
  pass(): Promise<void>;
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Instances of the cluster without the rest of the app: their ownership, run pass by pass. */
describeWithRedis('terminal leases across instances (Redis)', () => {
  const prefix = testRedisPrefix();
  const terminals = { ids: Array.from({ length: 10 }, (_, i) => i + 1) };
  const started: Instance[] = [];
  const leases = () => started[0].leases;

  function instance(name: string): Instance {
    const config = Object.assign(new ClusterConfig(), { redisUrl: TEST_REDIS_URL, prefix, instanceId: name, terminalLeaseMs: TTL });
    const redis = new RedisConnection(config);
    const leases = new RedisLeases(redis);
    const query = { enabledIds: async () => terminals.ids } as unknown as TerminalQuery;
    const ownership = new LeasedTerminalOwnership(leases, new ClusterMembership(redis, config), query, config, new Metrics());
    const changes: [number, boolean][] = [];
    ownership.onChange((id, owned) => changes.push([id, owned]));
    const made: Instance = { name, redis, leases, ownership, changes, pass: () => ownership.rebalance() };
    started.push(made);
    return made;
  }

  /** Runs passes of the live instances until their shares stop changing. */
  async function settle(live: Instance[]): Promise<number[][]> {
    let shares = '';
    for (let round = 0; round < 20; round++) {
      await Promise.all(live.map((i) => i.pass()));
      const now = JSON.stringify(live.map((i) => i.ownership.owned));
      if (now === shares && live.every((i) => i.ownership.owned.length > 0)) break;
      shares = now;
    }
    return live.map((i) => i.ownership.owned);
  }

  /** Samples every few milliseconds whether any terminal has two owners. */
  function watchForTwoOwners(all: Instance[]) {
    const seen: string[] = [];
    const timer = setInterval(() => {
      for (const id of terminals.ids) {
        const owners = all.filter((i) => i.ownership.owns(id)).map((i) => i.name);
        if (owners.length > 1) seen.push(`terminal ${id}: ${owners}`);
      }
    }, 5);
    return { stop: () => (clearInterval(timer), seen) };
  }

  const expectEvenCover = (shares: number[][]) => {
    expect(shares.flat().sort((a, b) => a - b)).toEqual(terminals.ids);
    const sizes = shares.map((s) => s.length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
  };

  afterAll(async () => {
    await Promise.all(started.map((i) => i.redis.onApplicationShutdown()));
    await dropRedisPrefix(prefix);
  });

  let a: Instance, b: Instance, c: Instance;

  it('spreads the terminals evenly over the instances, each terminal to one', async () => {
    [a, b, c] = [instance('a'), instance('b'), instance('c')];
    const watch = watchForTwoOwners([a, b, c]);
    expectEvenCover(await settle([a, b, c]));
    expect(watch.stop()).toEqual([]);
  });

  it('hands a dead instance\'s terminals to the others once its leases run out, with higher fencing tokens', async () => {
    const orphaned = a.ownership.owned;
    const before = await leases().holder(`terminal:${orphaned[0]}`);
    const watch = watchForTwoOwners([a, b, c]);
    // a stops renewing (killed): b and c keep passing.
    for (let waited = 0; waited < 10_000 && [...b.ownership.owned, ...c.ownership.owned].length < terminals.ids.length; waited += TTL / 5) {
      await Promise.all([b.pass(), c.pass()]);
      await sleep(TTL / 5);
    }
    expectEvenCover(await settle([b, c]));
    const after = await leases().holder(`terminal:${orphaned[0]}`);
    expect(Number(after!.split('#')[1])).toBeGreaterThan(Number(before!.split('#')[1]));
    expect(watch.stop()).toEqual([]);
  });

  it('stops acting by its own clock when it was paused past its leases, and gives them up when it wakes', async () => {
    // a comes back as if resumed after a pause: it rejoins and takes a share again.
    expectEvenCover(await settle([a, b, c]));
    const paused = b.ownership.owned;
    const watch = watchForTwoOwners([a, b, c]);
    await sleep(TTL);
    // b ran no pass for a whole lease period: it no longer owns anything, before anyone told it so.
    expect(paused.filter((id) => b.ownership.owns(id))).toEqual([]);
    for (let waited = 0; waited < 10_000 && [...a.ownership.owned, ...c.ownership.owned].length < terminals.ids.length; waited += TTL / 5) {
      await Promise.all([a.pass(), c.pass()]);
      await sleep(TTL / 5);
    }
    b.changes.length = 0;
    await b.pass();
    expect(b.changes.filter(([, owned]) => !owned).map(([id]) => id).sort((x, y) => x - y)).toEqual(paused);
    expectEvenCover(await settle([a, b, c]));
    expect(watch.stop()).toEqual([]);
  });

  it('spreads out again when an instance joins, and keeps every terminal when Redis forgets everything', async () => {
    const d = instance('d');
    expectEvenCover(await settle([a, b, c, d]));
    const shares = [a, b, c, d].map((i) => i.ownership.owned);
    const watch = watchForTwoOwners([a, b, c, d]);
    await dropRedisPrefix(prefix);
    await Promise.all([a, b, c, d].map((i) => i.pass()));
    // The leases were taken back by their holders: nobody moved, nobody was left out.
    expect([a, b, c, d].map((i) => i.ownership.owned)).toEqual(shares);
    expectEvenCover(await settle([a, b, c, d]));
    expect(watch.stop()).toEqual([]);
  });

  it('lets go of terminals that were disabled or removed, and takes new ones', async () => {
    const all = [a, b, c, ...started.slice(3)];
    terminals.ids = [...terminals.ids.filter((id) => id !== 3), 11, 12];
    expectEvenCover(await settle(all));
    expect(all.some((i) => i.ownership.owns(3))).toBe(false);
  });
});
