import { LocalPeriodicWork } from '../../src/common/work/periodic-work';
import { RateCounters } from '../../src/common/rate-limit/rate-counters.service';
import { Metrics } from '../../src/common/metrics/metrics';
import { openTestDatabase, TestDatabase } from '../support/test-database';
import { TestClock } from '../support/test-clock';

/** Rate limits and login lockouts count on these: a hit that two requests both see as the same number lets a guess through. */
describe('rate counters under concurrent hits (integration)', () => {
  let db: TestDatabase;
  let counters: RateCounters;

  beforeAll(async () => {
    db = await openTestDatabase();
    counters = new RateCounters(db.dataSource, new TestClock(), new Metrics(), new LocalPeriodicWork());
  });

  afterAll(() => db.close());

  it('gives each of 20 simultaneous hits its own number, from the first hit on', async () => {
    const hits = await Promise.all(Array.from({ length: 20 }, () => counters.increment('login:203.0.113.7', 60)));
    expect(hits.map((state) => state.hits).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect((await counters.peek('login:203.0.113.7'))?.hits).toBe(20);
  });
});
