import { Like, Repository } from 'typeorm';
import { FaceRegistration } from '../../src/face-registry/face-registration.entity';
import { FaceRegistrationQuery, RegistrationFilter } from '../../src/face-registry/face-registration.query';
import { openTestDatabase, TestDatabase } from '../support/test-database';

const NAMES = ['张三', '李四', '王小明', 'Anna Li', 'Bob_Smith', '100% Real', '欧阳娜娜', 'Zoë'];

/** Registrations are searched through the trigram and character indexes and counted through tallies kept by triggers. */
describe('FaceRegistrationQuery on SQLite (integration)', () => {
  let db: TestDatabase;
  let rows: Repository<FaceRegistration>;
  let query: FaceRegistrationQuery;

  const expected = async (filter: RegistrationFilter) => {
    const all = await rows.find({ order: { applyTime: 'DESC', id: 'DESC' } });
    const text = filter.text?.toLowerCase();
    return all.filter(
      (r) =>
        (filter.openId === undefined || r.openId === filter.openId) &&
        (filter.state === undefined || filter.state === -1 || r.state === filter.state) &&
        (!text || r.name.toLowerCase().includes(text) || r.telNo.includes(text)),
    );
  };

  beforeAll(async () => {
    db = await openTestDatabase();
    rows = db.dataSource.getRepository(FaceRegistration);
    query = new FaceRegistrationQuery(db.dataSource);
    const base = Date.parse('2026-01-01T00:00:00Z');
    for (let i = 0; i < 260; i++) {
      await rows.insert({
        name: `${NAMES[i % NAMES.length]}${i % 3 === 0 ? '' : i}`,
        openId: `o-${i % 4}`,
        telNo: `138${String(i * 7919).padStart(8, '0')}`,
        applyTime: new Date(base + (i % 7) * 60_000),
        state: i % 4,
        photoKey: `faces/${i}.jpg`,
        cardNo: String(i),
        reviewedAt: null,
        reviewedBy: null,
        updatedAt: new Date(base),
      });
    }
  });

  afterAll(() => db.close());

  it.each<[string, RegistrationFilter]>([
    ['everything', {}],
    ['one state', { state: 2 }],
    ['one user', { openId: 'o-1' }],
    ['a Chinese substring of three characters', { text: '王小明' }],
    ['a two-character name (character index)', { text: '张三' }],
    ['one Chinese character', { text: '王' }],
    ['two letters', { text: 'zo' }],
    ['a letter with a diacritic', { text: 'ë' }],
    ['one digit (scanned: it is in most phones)', { text: '7' }],
    ['a letter and a digit', { text: 'a1' }],
    ['a phone fragment', { text: '00079' }],
    ['a case-insensitive Latin substring', { text: 'anna l' }],
    ['LIKE metacharacters taken literally', { text: '100%' }],
    ['an underscore taken literally', { text: 'b_s' }],
    ['a search within one state', { text: '138', state: 1 }],
    ['a search within one user', { text: '李四', openId: 'o-1' }],
  ])('finds and counts %s like a full scan would', async (_, filter) => {
    const want = await expected(filter);
    const page = await query.page(filter, { page: 1, size: 1000 });
    expect(page.items.map((r) => r.id)).toEqual(want.map((r) => r.id));
    expect(page.total).toBe(want.length);
  });

  it('pages newest first with ties broken by id, near the start and deep', async () => {
    const want = await expected({});
    const second = await query.page({}, { page: 2, size: 7 });
    expect(second.items.map((r) => r.id)).toEqual(want.slice(7, 14).map((r) => r.id));
    expect(second.total).toBe(260);
    const deep = await query.page({}, { page: 24, size: 10 });
    expect(deep.items.map((r) => r.id)).toEqual(want.slice(230, 240).map((r) => r.id));
    const deepSearch = await query.page({ text: '138' }, { page: 21, size: 10 });
    expect(deepSearch.items.map((r) => r.id)).toEqual((await expected({ text: '138' })).slice(200, 210).map((r) => r.id));
  });

  it('reads the last pages from the far end as the same rows, a short last page short and none past the end', async () => {
    const want = await expected({});
    for (let page = 29; page <= 38; page++) {
      expect((await query.page({}, { page, size: 7 })).items.map((r) => r.id)).toEqual(want.slice((page - 1) * 7, page * 7).map((r) => r.id));
    }
    expect((await query.page({}, { page: 38, size: 7 })).items).toHaveLength(1);
    expect((await query.page({}, { page: 39, size: 7 })).items).toEqual([]);
  });

  it('keeps tallies and the search index in step with updates and deletes', async () => {
    const target = (await rows.findOneByOrFail({ cardNo: '5' }))!;
    await rows.update(target.id, { state: 3, name: '新名字测试' });
    expect((await query.page({ text: '新名字测试' }, { page: 1, size: 10 })).items.map((r) => r.id)).toEqual([target.id]);
    await rows.delete({ cardNo: '6' });
    for (const state of [-1, 0, 1, 2, 3]) {
      expect((await query.page({ state }, { page: 1, size: 1 })).total).toBe((await expected({ state })).length);
    }
    expect((await query.page({ text: NAMES[5 % NAMES.length] }, { page: 1, size: 100 })).total).toBe(
      (await expected({ text: NAMES[5 % NAMES.length] })).length,
    );
  });

  it('pages every state at every depth like a full scan, over many days, as rows move between days and states and go', async () => {
    const day = 86_400_000;
    const base = Date.parse('2026-02-01T00:00:00Z');
    const spread = Array.from({ length: 900 }, (_, i) => {
      const dayIndex = (i * 37) % 11;
      return {
        name: `分页${i}`,
        openId: `o-${i % 4}`,
        telNo: `139${String(i).padStart(8, '0')}`,
        // Day 5 stays empty; minutes repeat, so rows tie on apply_time and the id decides.
        applyTime: new Date(base + (dayIndex === 5 ? 6 : dayIndex) * day + (i % 13) * 60_000),
        state: (i * 5) % 4,
        photoKey: `faces/d${i}.jpg`,
        cardNo: `d${i}`,
        reviewedAt: null,
        reviewedBy: null,
        updatedAt: new Date(base),
      };
    });
    for (let i = 0; i < spread.length; i += 100) await rows.insert(spread.slice(i, i + 100));
    const check = async () => {
      for (const state of [-1, 0, 1, 2, 3]) {
        const want = (await expected({ state })).map((r) => r.id);
        const size = 9;
        for (let page = 1; (page - 1) * size <= want.length; page++) {
          expect([state, page, (await query.page({ state }, { page, size })).items.map((r) => r.id)]).toEqual([state, page, want.slice((page - 1) * size, page * size)]);
        }
      }
    };
    await check();
    const moved = await rows.find({ where: { name: Like('分页1%') } });
    for (const [n, row] of moved.entries()) {
      if (n % 3 === 0) await rows.update(row.id, { applyTime: new Date(base + 5 * day + n * 1000) });
      else if (n % 3 === 1) await rows.update(row.id, { state: (row.state + 1) % 4 });
      else await rows.delete(row.id);
    }
    await rows.update({ name: Like('分页2%') }, { applyTime: new Date(base + 20 * day), state: 1 });
    await check();
  });
});
