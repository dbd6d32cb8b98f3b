import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { envBindings } from '../../src/config/env.decorator';
import { CONFIG_AREAS } from '../../src/config/configuration';

const root = join(__dirname, '..', '..');
const read = (file: string) => readFileSync(join(root, file), 'utf8');
const known = CONFIG_AREAS.flatMap((area) => envBindings(new area()).map((binding) => binding.variable)).sort();

/** The README table, .env.example and docker-compose.yml name exactly the variables the code reads. */
describe('configuration documentation', () => {
  it('README lists every variable in its table', () => {
    const documented = [...read('README.md').matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]).sort();
    expect(documented).toEqual(known);
  });

  it('.env.example sets every variable', () => {
    const listed = [...read('.env.example').matchAll(/^([A-Z_]+)=/gm)].map((m) => m[1]).sort();
    expect(listed).toEqual(known);
  });

  it('docker-compose runs the app on SQL Server with known variables only', () => {
    const compose = parse(read('docker-compose.yml'));
    const environment = compose.services.app.environment as Record<string, string>;
    for (const variable of Object.keys(environment)) expect(known).toContain(variable);
    expect(environment).toMatchObject({ DB_TYPE: 'mssql', NODE_ENV: 'production', DB_HOST: 'db', DB_NAME: 'facegate' });
    expect(environment.JWT_SECRET).toBeDefined();
    expect(compose.services.app.depends_on['db-init'].condition).toBe('service_completed_successfully');
    expect(compose.services['db-init'].entrypoint.join(' ')).toContain('CREATE DATABASE facegate');
  });
});
