import { MIGRATIONS } from '../../src/database/migrations';
import { VisitNameCharacters1764100000000 } from '../../src/database/migrations/1764100000000-visit-name-characters';
import { VisitCharacterTally1765300000000 } from '../../src/database/migrations/1765300000000-visit-character-tally';
import { VisitApplication } from '../../src/visitor-appointment/visits/visit-application.entity';
import { VisitFilter, VisitQuery } from '../../src/visitor-appointment/visits/visit.query';
import { openTestDatabase, TestDatabase } from '../support/test-database';
import { sql } from '../support/test-sql';
import { onPostgres } from '../support/test-database-server';
import { containsPattern, containsSql } from '../../src/database/like-pattern';
import { SINGLE_STATEMENT, UnitOfWork } from '../../src/database/unit-of-work';
import { In } from 'typeorm';

const NAMES = ['王小明', '王明', '小王', 'Anna Lee', 'anna', '阿卜杜·热合曼', '李四', '明王小', 'O\'Neil', '张三丰'];

describe('visit record search (character index, and on PostgreSQL the character tally)', () => {
  let db: TestDatabase;
  let query: VisitQuery;

  const insert = (name: string, interviewee = '李四') =>
    db.dataSource.getRepository(VisitApplication).save(
      db.dataSource.getRepository(VisitApplication).create({
        subjectType: 1,
        name,
        phone: '13922222222',
        purpose: 0,
        remark: '',
        comeFrom: '',
        proposer: '13922222222',
        interviewee,
        intervieweePhone: '13811111111',
        employeeId: 1,
        department: '',
        startTime: new Date(),
        endTime: new Date(),
        groupIds: '',
        isAuth: false,
        authorisedAt: null,
        signinTime: null,
        createdAt: new Date(),
        updatedAt: new Date(),
      }),
      SINGLE_STATEMENT,
    );
  /** Undoes the migrations from the last back to this one (runMigrations redoes them). */
  const undoThrough = async (migration: Function) => {
    for (let undo = MIGRATIONS.length - MIGRATIONS.indexOf(migration); undo > 0; undo--) await new UnitOfWork(db.dataSource).exclusive(() => db.dataSource.undoLastMigration());
  };

  /** The names found, checking that the page's count (from a tally, on PostgreSQL, for one character) agrees. */
  const names = async (filter: VisitFilter) => {
    const page = await query.page(filter, { page: 1, size: 100 });
    expect({ filter, total: page.total }).toEqual({ filter, total: page.items.length });
    return page.items.map((v) => v.application.name).sort();
  };
  /** What a LIKE scan finds: the meaning of a substring search. */
  const scanned = async (column: 'name' | 'interviewee', text: string) =>
    (
      await sql(db.dataSource, `SELECT name FROM visit_application WHERE ${containsSql(db.dataSource, column, 'pattern').replace(':pattern', '?')}`, [containsPattern(text)])
    )
      .map((row: { name: string }) => row.name)
      .sort();

  beforeAll(async () => {
    db = await openTestDatabase();
    query = new VisitQuery(db.dataSource);
    for (const name of NAMES) await insert(name, name === '张三丰' ? '韩梅梅' : '李四');
  });

  afterAll(() => db.close());

  it('finds every substring a LIKE scan finds, for names of one to many characters', async () => {
    const probes = new Set<string>();
    for (const name of NAMES) {
      const chars = [...name];
      for (let i = 0; i < chars.length; i++) for (let j = i + 1; j <= chars.length; j++) probes.add(chars.slice(i, j).join(''));
    }
    for (const probe of ['明王', '王明小', 'ANNA', 'lee', '%', '_', '不存在']) probes.add(probe);
    for (const probe of probes) {
      expect({ probe, found: await names({ name: probe }) }).toEqual({ probe, found: await scanned('name', probe) });
    }
  });

  it('searches the interviewee the same way, and combines filters', async () => {
    expect(await names({ interviewee: '梅' })).toEqual(['张三丰']);
    expect(await names({ interviewee: '李', name: '王' })).toEqual(['小王', '明王小', '王小明', '王明']);
    expect(await names({ interviewee: '李', name: '王', phone: '13922222222' })).toEqual(['小王', '明王小', '王小明', '王明']);
  });

  it('follows renames and deletions', async () => {
    const renamed = await db.dataSource.getRepository(VisitApplication).findOneByOrFail({ name: '李四' });
    await db.dataSource.getRepository(VisitApplication).update(renamed.id, { name: '赵六' });
    expect(await names({ name: '李四' })).toEqual([]);
    expect(await names({ name: '赵' })).toEqual(['赵六']);
    await db.dataSource.getRepository(VisitApplication).update({ name: In(['王明', '小王']) }, { isAuth: true });
    expect(await names({ name: '王', isAuth: true })).toEqual(['小王', '王明']);
    expect(await names({ name: '王', isAuth: false })).toEqual(['明王小', '王小明']);
    expect(await names({ interviewee: '李', isAuth: true })).toEqual(['小王', '王明']);
    await db.dataSource.getRepository(VisitApplication).delete(renamed.id);
    expect(await names({ name: '赵' })).toEqual([]);
    expect((await query.page({ name: '六' }, { page: 1, size: 5 })).total).toBe(0);
  });

  // The character index is SQLite's; PostgreSQL starts from its baseline with trigram indexes.
  (onPostgres() ? it.skip : it)('indexes the rows already there when the migration runs', async () => {
    const before = await names({ name: '王' });
    await undoThrough(VisitNameCharacters1764100000000);
    // A row as the schema before the index held it.
    await sql(db.dataSource, 
      `INSERT INTO visit_application (subject_type, name, phone, purpose, remark, come_from, proposer, interviewee, interviewee_phone, employee_id,
         department, start_time, end_time, group_ids, is_auth, created_at, updated_at)
       VALUES (1, '王五', '13922222222', 0, '', '', '13922222222', '李四', '13811111111', 1, '', datetime('now'), datetime('now'), '', 0, datetime('now'), datetime('now'))`,
    );
    await new UnitOfWork(db.dataSource).exclusive(() => db.dataSource.runMigrations());
    expect(await names({ name: '王' })).toEqual([...before, '王五'].sort());
  });

  (onPostgres() ? it : it.skip)('fills the character tally from the rows already there when its migration runs', async () => {
    const before = await names({ name: '王' });
    await undoThrough(VisitCharacterTally1765300000000);
    await sql(db.dataSource, "UPDATE visit_application SET name = '王五' WHERE name = 'anna'", []);
    await new UnitOfWork(db.dataSource).exclusive(() => db.dataSource.runMigrations());
    expect(await names({ name: '王' })).toEqual([...before, '王五'].sort());
    expect(await names({ name: 'A' })).toEqual(['Anna Lee']);
    // The count of one character is the tally's (changed by hand, it shows), the items the index's.
    await sql(db.dataSource, "UPDATE visit_character_tally SET total = total + 100 WHERE field = 'name' AND ch = '王' AND is_auth = 0", []);
    expect((await query.page({ name: '王' }, { page: 1, size: 100 })).total).toBe(before.length + 101);
    await sql(db.dataSource, "UPDATE visit_character_tally SET total = total - 100 WHERE field = 'name' AND ch = '王' AND is_auth = 0", []);
  });
});
