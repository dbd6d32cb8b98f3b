import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startTestApp, TestApp } from '../support/test-app';

// openapi-typescript is ESM inside: it runs as its own command, not in jest's module system.
const CLI = join(__dirname, '../../node_modules/openapi-typescript/bin/cli.js');
const SCHEMA = join(__dirname, '../../console/src/api/schema.d.ts');
const HEADER = '// Generated from FaceGate\'s OpenAPI document by test/console/console-schema.e2e.spec.ts: do not edit.\n// Regenerate with UPDATE_CONSOLE_SCHEMA=1 npx jest test/console/console-schema.\n\n';

/**
 * The console is typed from the OpenAPI document (paths, bodies, the live socket's messages), not
 * from hand-copied types: the committed types must be what the document says today.
 */
describe('the console types', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('are generated from the current OpenAPI document', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'facegate-schema-'));
    await writeFile(join(dir, 'openapi.json'), await (await fetch(`${t.baseUrl}/docs/openapi.json`)).text());
    await promisify(execFile)(process.execPath, [CLI, join(dir, 'openapi.json'), '--output', join(dir, 'schema.d.ts')]);
    const types = HEADER + (await readFile(join(dir, 'schema.d.ts'), 'utf8'));
    if (process.env.UPDATE_CONSOLE_SCHEMA === '1') writeFileSync(SCHEMA, types);
    expect(types).toBe(readFileSync(SCHEMA, 'utf8'));
  });
});
