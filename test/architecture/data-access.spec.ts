import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const SRC = join(__dirname, '../../src');

/** Services that are the only reader and writer of their tables: the aggregate's whole data access is in them. */
const OWNERS: Record<string, string> = {
  'common/auth/token.service.ts': 'auth_session',
  'common/audit/audit-log.service.ts': 'audit_entry (append-only)',
  'common/outbox/outbox.service.ts': 'outbox_event',
  'common/rate-limit/rate-counters.service.ts': 'rate_counter',
  'wechat-auth/hotel-accounts/hotel-tokens.service.ts': 'hotel_token',
  'wechat-auth/captcha/captcha.service.ts': 'captcha',
  'device-gateway/records/record-sequence.service.ts': 'record_cursor, record_loss',
  'device-gateway/provisioning/provisioning-tasks.service.ts': 'provisioning_task (its state machine)',
  'device-gateway/provisioning/provisioning-planner.service.ts': 'access_grant (versions, announcement claims)',
};

const WRITE = '(?:update|insert|save|delete|increment|decrement|upsert|remove|clear)';
const SQL = /new Prepared(?:Sql|Query)\(|createQueryBuilder\(|\b(?:dataSource|manager|connection|runner)\.query\(/;

function sourceFiles(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'migrations' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** Entity class → table, from the @Entity decorators. */
function tables(files: string[]): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of files.filter((f) => f.endsWith('.entity.ts'))) {
    const text = readFileSync(file, 'utf8');
    const table = /@Entity\(\s*'(\w+)'/.exec(text)?.[1];
    const entity = /export class (\w+)/.exec(text)?.[1];
    if (table && entity) found.set(entity, table);
  }
  return found;
}

/** Whether this source writes the entity's table, by every way the code base writes one. */
function writes(text: string, entity: string, table: string): boolean {
  const direct = [
    new RegExp(`getRepository\\(${entity}\\)\\s*\\.\\s*${WRITE}\\(`),
    new RegExp(`\\bmanager\\s*\\.\\s*${WRITE}\\(${entity}\\b`),
    new RegExp(`(?:INSERT INTO|UPDATE|DELETE FROM)\\s+"?${table}\\b`),
    new RegExp(`getRepository\\(${entity}\\)[\\s\\S]{0,80}?createQueryBuilder\\([^)]*\\)\\s*\\.\\s*(?:update|delete|insert)\\(`),
  ];
  if (direct.some((pattern) => pattern.test(text))) return true;
  const holders = [
    ...text.matchAll(new RegExp(`@InjectRepository\\(${entity}\\)\\s*(?:private|protected)?\\s*(?:readonly)?\\s*(\\w+)`, 'g')),
    ...text.matchAll(new RegExp(`(?:const|let)\\s+(\\w+)\\s*=\\s*[\\w.()]*getRepository\\(${entity}\\)`, 'g')),
  ].map((match) => match[1]);
  return holders.some((name) => new RegExp(`\\b${name}\\s*\\.\\s*(?:${WRITE}\\(|createQueryBuilder\\([^)]*\\)\\s*\\.\\s*(?:update|delete|insert)\\()`).test(text));
}

describe('data access (structure)', () => {
  const files = sourceFiles();
  const entities = tables(files);
  const outsideDatabase = files.filter((file) => !relative(SRC, file).startsWith('database/'));

  it('finds the writes it looks for (the check can fail)', () => {
    expect(writes('await manager.getRepository(Thing).update({ id }, {})', 'Thing', 'thing')).toBe(true);
    expect(writes('@InjectRepository(Thing) private readonly things: Repository<Thing>; f() { this.things.save(x) }', 'Thing', 'thing')).toBe(true);
    expect(writes("const repository = manager.getRepository(Thing);\n await repository.delete({ id })", 'Thing', 'thing')).toBe(true);
    expect(writes('`UPDATE thing SET a = 1`', 'Thing', 'thing')).toBe(true);
    expect(writes('await manager.getRepository(Thing).findOneBy({ id })', 'Thing', 'thing')).toBe(false);
    expect(entities.size).toBeGreaterThan(25);
  });

  it('gives each table one writer', () => {
    const writers = new Map<string, string[]>();
    for (const file of outsideDatabase) {
      const text = readFileSync(file, 'utf8');
      for (const [entity, table] of entities) {
        if (writes(text, entity, table)) writers.set(table, [...(writers.get(table) ?? []), relative(SRC, file)]);
      }
    }
    expect([...writers].filter(([, by]) => by.length > 1)).toEqual([]);
    expect(writers.get('hotel_account')).toEqual(['wechat-auth/hotel-accounts/hotel-account.writer.ts']);
    expect(writers.get('visit_application')).toEqual(['visitor-appointment/visits/visit.writer.ts']);
  });

  it('keeps hand-written SQL in query classes, writers and the owners of single tables', () => {
    const elsewhere = outsideDatabase
      .map((file) => relative(SRC, file))
      .filter((file) => !file.endsWith('.query.ts') && !file.endsWith('.writer.ts') && !(file in OWNERS))
      .filter((file) => SQL.test(readFileSync(join(SRC, file), 'utf8')));
    expect(elsewhere).toEqual([]);
  });
});
