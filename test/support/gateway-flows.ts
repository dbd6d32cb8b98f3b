import { ProvisioningWorker } from '../../src/device-gateway/provisioning/provisioning-worker.service';
import { TerminalSimulator } from '../fakes/terminal-simulator';
import { TestApp } from './test-app';

export interface AdminApi {
  (path: string, init?: { method?: string; body?: unknown }): Promise<{ status: number; body: any }>;
}

/** JSON calls to /api/admin with a Bearer token. */
export function adminApi(t: TestApp, token: string): AdminApi {
  return async (path, init = {}) => {
    const response = await fetch(`${t.baseUrl}${path}`, {
      method: init.method ?? 'GET',
      headers: { authorization: `Bearer ${token}`, ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
    });
    const text = await response.text();
    const json = /json/.test(response.headers.get('content-type') ?? '');
    return { status: response.status, body: text && json ? JSON.parse(text) : text || null };
  };
}

/** Registers a simulated terminal through the admin REST; returns its id. */
export async function addTerminal(api: AdminApi, sim: TerminalSimulator, name: string, extra: Record<string, unknown> = {}): Promise<number> {
  const answer = await api('/api/admin/devices', {
    method: 'POST',
    body: { name, host: '127.0.0.1', port: sim.httpPort, wsPort: sim.wsPort, password: sim.password, ...extra },
  });
  if (answer.status !== 201) throw new Error(`cannot add terminal: ${JSON.stringify(answer.body)}`);
  return answer.body.id;
}

/** Delivers events and drains provisioning until nothing moves any more. */
export async function settle(t: TestApp): Promise<void> {
  const worker = t.app.get(ProvisioningWorker);
  for (let round = 0; round < 5; round++) {
    await t.flushEvents();
    await worker.kickAll();
    await worker.idle();
  }
  await t.flushEvents();
}

/** Polls until `check` passes or the time is up. */
export async function eventually(check: () => Promise<void> | void, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}
