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

  it('docker-compose has the cluster shape: Redis, several instances on the same database and photos, a balancer that upgrades the live socket', () => {
    const compose = parse(read('docker-compose.yml'), { merge: true });
    const { node, redis, lb, app } = compose.services;
    for (const service of [node, redis, lb]) expect(service.profiles).toEqual(['cluster']);
    for (const variable of Object.keys(node.environment)) expect(known).toContain(variable);
    expect(node.environment).toMatchObject({ ...app.environment, REDIS_URL: 'redis://redis:6379' });
    expect(node.volumes).toEqual(app.volumes);
    expect(node.deploy.replicas).toMatch(/NODES:-3/);
    expect(lb.volumes[0]).toMatch(/^\.\/deploy\/nginx-cluster\.conf:/);
    const nginx = read('deploy/nginx-cluster.conf');
    expect(nginx).toMatch(/location \/api\/admin\/live \{[^}]*proxy_set_header Upgrade \$http_upgrade;[^}]*proxy_set_header Connection \$connection_upgrade;/);
    expect(nginx).toContain('server node:3000;');
  });
});
