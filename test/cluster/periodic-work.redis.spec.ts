import { BullPeriodicWork } from '../../src/common/cluster/bull-periodic-work';
import { RedisConnection } from '../../src/common/cluster/redis.connection';
import { Metrics } from '../../src/common/metrics/metrics';
import { ClusterConfig } from '../../src/config/cluster.config';
import { eventually } from '../support/gateway-flows';
import { describeWithRedis, dropRedisPrefix, TEST_REDIS_URL, testRedisPrefix } from '../support/test-redis';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Two instances' periodic work on one Redis: each piece runs on one of them at a time. */
describeWithRedis('periodic work across instances (BullMQ)', () => {
  const prefix = testRedisPrefix();
  const runs: { by: string; start: number; end: number }[] = [];
  let running = 0;
  let overlaps = 0;
  const instances: { redis: RedisConnection; work: BullPeriodicWork }[] = [];

  function instance(name: string) {
    const config = Object.assign(new ClusterConfig(), { redisUrl: TEST_REDIS_URL, prefix, instanceId: name });
    const redis = new RedisConnection(config);
    const work = new BullPeriodicWork(redis, config, new Metrics());
    work.every('sweep', 300, async () => {
      running += 1;
      if (running > 1) overlaps += 1;
      const start = Date.now();
      await sleep(40);
      runs.push({ by: name, start, end: Date.now() });
      running -= 1;
    });
    work.onApplicationBootstrap();
    instances.push({ redis, work });
    return work;
  }

  afterAll(async () => {
    for (const { work, redis } of instances) {
      await work.onModuleDestroy();
      await redis.onApplicationShutdown();
    }
    await dropRedisPrefix(prefix);
  });

  it('runs on schedule once for the cluster, and on request, never twice at once', async () => {
    const [a, b] = [instance('a'), instance('b')];
    await eventually(() => expect(runs.length).toBeGreaterThanOrEqual(4), 10_000);
    const scheduled = runs.length;
    for (let i = 0; i < 10; i++) (i % 2 ? a : b).soon('sweep');
    await eventually(() => expect(runs.length).toBeGreaterThan(scheduled), 5_000);
    await sleep(500);
    expect(overlaps).toBe(0);
    // Two instances, one schedule: runs start at least ~one period apart unless asked for.
    const starts = runs.slice(0, scheduled).map((r) => r.start);
    const close = starts.slice(1).filter((start, i) => start - starts[i] < 150);
    expect(close).toEqual([]);
  });

  it('schedules again what Redis forgot when it restarted empty', async () => {
    await dropRedisPrefix(prefix);
    await sleep(400);
    runs.length = 0;
    await instances[0].work.schedule();
    await eventually(() => expect(runs.length).toBeGreaterThanOrEqual(2), 10_000);
    expect(overlaps).toBe(0);
  });
});
