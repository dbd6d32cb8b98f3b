import { startTestApp, TestApp } from './support/test-app';

describe('the application edge (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(() => t.close());

  it('serves Swagger UI at /docs and documents every endpoint', async () => {
    const ui = await fetch(`${t.baseUrl}/docs`);
    expect(ui.status).toBe(200);
    expect(await ui.text()).toContain('swagger-ui');
    const spec = (await (await fetch(`${t.baseUrl}/docs/openapi.json`)).json()) as any;
    const paths = Object.keys(spec.paths);
    for (const endpoint of ['wxlogin', 'register', 'login', 'getfaces', 'approve', 'logout', 'editPassword']) {
      expect(paths).toContain(`/SkyFaceRegister/${endpoint}.do`);
    }
    expect(spec.paths['/api/admin/settings/review']).toHaveProperty('get');
    expect(spec.paths['/api/admin/settings/review']).toHaveProperty('put');
    expect(spec.paths['/SkyFaceRegister/getfaces.do'].post.responses['200']).toBeDefined();
    const visitorApi: [string, string][] = [
      ['/v1/subject/binding', 'get'],
      ['/v1/subject/binding', 'post'],
      ['/v1/visitor/binding', 'get'],
      ['/v1/visitor/binding', 'post'],
      ['/v1/subject', 'post'],
      ['/v1/visit/records', 'get'],
      ['/v1/auth/records', 'get'],
      ['/v1/auth/{id}', 'put'],
      ['/v1/subject/binding/{weixinUserId}', 'delete'],
      ['/v1/wechat/is_binding', 'get'],
      ['/v1/config/servers', 'get'],
      ['/v1/config/servers', 'put'],
      ['/v1/config/templates', 'get'],
      ['/v1/config/templates', 'put'],
      ['/v1/visit/records/{id}', 'delete'],
      ['/v1/visit/signin', 'post'],
      ['/v1/visit/qrcode', 'post'],
    ];
    for (const [path, method] of visitorApi) {
      const envelope = spec.paths[path]?.[method]?.responses['200']?.content['application/json'].schema;
      expect({ path, method, required: envelope?.required }).toEqual({ path, method, required: ['code', 'err_msg'] });
    }
  });

  it('documents every hotel endpoint with its envelope, and face identity with {ec, em}', async () => {
    const spec = (await (await fetch(`${t.baseUrl}/docs/openapi.json`)).json()) as any;
    const hotelApi: [string, string][] = [
      ['/api/ping', 'post'],
      ['/api/user/doki', 'get'],
      ['/api/user/doki', 'post'],
      ['/api/user/register', 'post'],
      ['/api/user/login', 'post'],
      ['/api/user/info', 'get'],
      ['/api/user/info', 'post'],
      ['/api/user/password', 'post'],
      ['/api/user/portrait', 'post'],
      ['/api/captcha', 'post'],
      ['/api/realauth', 'post'],
      ['/api/map/district', 'get'],
      ['/api/face/group', 'post'],
      ['/api/face', 'post'],
    ];
    for (const [path, method] of hotelApi) {
      const envelope = spec.paths[path]?.[method]?.responses['200']?.content['application/json'].schema;
      expect({ path, method, required: envelope?.required }).toEqual({ path, method, required: ['id', 'status', 'message', 'data'] });
    }
    expect(spec.paths['/api/user/login'].post.requestBody.content['application/json'].schema.oneOf.map((s: { title: string }) => s.title)).toEqual(['login/pass', 'login/sms']);
    for (const path of ['/api/face-identity/user-id-key', '/api/face-identity/verify']) {
      expect(spec.paths[path].post.responses['200'].content['application/json'].schema.example).toMatchObject({ ec: 200, em: '' });
    }
    expect(spec.paths['/api/admin/hotel-accounts/{username}/role']).toHaveProperty('put');
    expect(spec.paths['/api/face'].post.requestBody.content['application/json'].schema.oneOf.map((s: { title: string }) => s.title)).toEqual(['face/register', 'face/find', 'face/verify']);
    expect(spec.paths['/api/face'].post.description).toContain('age and gender, always null and ""');
    expect(spec.paths['/api/face/group'].post.requestBody.content['application/json'].schema.oneOf).toHaveLength(5);
    expect(spec.paths['/api/admin/registrations'].get.responses['200']).toBeDefined();
    expect(spec.components.schemas.RegistrationDto.properties.possibleDuplicates).toMatchObject({ nullable: true });
    for (const path of ['/health/live', '/health/ready']) expect(spec.paths[path]).toHaveProperty('get');
  });

  it('answers unknown REST paths and missing files with problem+json', async () => {
    for (const path of ['/api/admin/nothing', '/files/qrcodes/missing.png', '/files/../package.json']) {
      const response = await fetch(`${t.baseUrl}${path}`);
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
    }
  });

  it('does not reveal the framework', async () => {
    expect((await fetch(`${t.baseUrl}/docs`)).headers.get('x-powered-by')).toBeNull();
  });
});
