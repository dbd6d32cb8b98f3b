import { RedisConnection } from '../../src/common/cluster/redis.connection';
import { RedisSharedValues } from '../../src/common/cluster/redis-shared-values';
import { ClusterConfig } from '../../src/config/cluster.config';
import { describeWithRedis, dropRedisPrefix, TEST_REDIS_URL, testRedisPrefix } from '../support/test-redis';

/** A WeChat access token is fetched once for the cluster, whichever instances ask at once. */
describeWithRedis('shared values across instances (Redis)', () => {
  const prefix = testRedisPrefix();
  const connections: RedisConnection[] = [];
  const instance = () => {
    const redis = new RedisConnection(Object.assign(new ClusterConfig(), { redisUrl: TEST_REDIS_URL, prefix }));
    connections.push(redis);
    return new RedisSharedValues(redis);
  };
  let made = 0;
  const make = async () => {
    made += 1;
    await new Promise((resolve) => setTimeout(resolve, 150));
    return { value: `token-${made}`, ttlMs: 60_000 };
  };

  afterAll(async () => {
    await Promise.all(connections.map((c) => c.onApplicationShutdown()));
    await dropRedisPrefix(prefix);
  });

  it('makes a missing value once while instances ask for it at the same time, and gives them all that value', async () => {
    const [a, b, c] = [instance(), instance(), instance()];
    const values = await Promise.all([a, b, c, a, b, c].map((i) => i.get('wechat-token:app', make)));
    expect(made).toBe(1);
    expect(new Set(values)).toEqual(new Set(['token-1']));
  });

  it('makes it again, once, after it was found stale, but not for a staleness already dealt with', async () => {
    const [a, b] = [instance(), instance()];
    await a.forget('wechat-token:app', 'token-1');
    await b.forget('wechat-token:app', 'token-1');
    const values = await Promise.all([a.get('wechat-token:app', make), b.get('wechat-token:app', make)]);
    expect(values).toEqual(['token-2', 'token-2']);
    await a.forget('wechat-token:app', 'token-1');
    expect(await b.get('wechat-token:app', make)).toBe('token-2');
    expect(made).toBe(2);
  });

  it('passes a failure to make it on to the caller, and lets the next caller try', async () => {
    const a = instance();
    await expect(a.get('other', () => Promise.reject(new Error('WeChat answered 40013')))).rejects.toThrow('40013');
    expect(await a.get('other', async () => ({ value: 'v', ttlMs: 1000 }))).toBe('v');
  });
});
