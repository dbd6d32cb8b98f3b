import express from 'express';
import { AddressInfo } from 'node:net';
import { Logger } from 'pino';
import { accessLog } from './access-log';

describe('accessLog', () => {
  const lines: { level: string; line: Record<string, unknown>; message: string }[] = [];
  const record = (level: string) => (line: Record<string, unknown>, message: string) => lines.push({ level, line, message });
  const logger = { info: record('info'), warn: record('warn'), error: record('error') } as unknown as Logger;
  let base: string;
  let close: () => void;

  beforeAll(async () => {
    const app = express();
    app.use(accessLog(() => logger));
    app.get('/ok', (_req, res) => res.json({ ok: true }));
    app.get('/broken', (_req, res) => res.status(500).end());
    app.get('/slow', () => undefined);
    app.get('/files/a.png', (_req, res) => res.end('png'));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => server.close();
  });
  afterAll(() => close());

  const settled = () => new Promise((resolve) => setTimeout(resolve, 50));

  it('writes one line per request with the status and time, credentials and personal data masked in the URL', async () => {
    lines.length = 0;
    await fetch(`${base}/ok?accessToken=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln&telNo=13912345678`);
    await fetch(`${base}/missing`);
    await fetch(`${base}/broken`);
    await settled();
    expect(lines.map(({ level, line, message }) => [level, line.method, line.statusCode, message])).toEqual([
      ['info', 'GET', 200, 'request completed'],
      ['warn', 'GET', 404, 'request completed'],
      ['error', 'GET', 500, 'request failed'],
    ]);
    expect(lines[0].line.url).toBe('/ok?accessToken=***&telNo=***');
    expect(lines[0].line.responseTime).toEqual(expect.any(Number));
    expect(new Set(lines.map(({ line }) => line.reqId)).size).toBe(3);
  });

  it('says when the client gave up before the answer, and leaves static files out', async () => {
    lines.length = 0;
    const controller = new AbortController();
    const slow = fetch(`${base}/slow`, { signal: controller.signal }).catch(() => null);
    await settled();
    controller.abort();
    await slow;
    await fetch(`${base}/files/a.png`);
    await settled();
    expect(lines.map(({ level, message }) => [level, message])).toEqual([['warn', 'request aborted']]);
  });
});
