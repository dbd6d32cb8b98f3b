import { CallHandler, ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { firstValueFrom, of, throwError } from 'rxjs';
import { AuditInterceptor } from './audit.interceptor';
import { AuditLog, AuditRecord } from './audit-log.service';

/** An audit log whose writes finish only when the test says so. */
function slowLog() {
  const written: AuditRecord[] = [];
  let finish = () => {};
  const log = {
    record: (entry: AuditRecord) =>
      new Promise<void>((resolve) => {
        finish = () => {
          written.push(entry);
          resolve();
        };
      }),
  } as unknown as AuditLog;
  return { log, written, finish: () => finish() };
}

const adminRequest = (method: string) =>
  ({
    getType: () => 'http',
    getHandler: () => () => undefined,
    switchToHttp: () => ({
      getRequest: () => ({ method, path: '/api/admin/employees/7', route: { path: '/api/admin/employees/:id' }, params: { id: '7' }, ip: '127.0.0.1', user: { role: 'admin', subject: 1, displayName: 'admin' } }),
    }),
  }) as unknown as ExecutionContext;

describe('AuditInterceptor', () => {
  it('lets the answer go only after its entry is written', async () => {
    const { log, written, finish } = slowLog();
    const handler: CallHandler = { handle: () => of({ result_code: 0 }) };
    let answered = false;
    const answer = firstValueFrom(new AuditInterceptor(log, new Reflector()).intercept(adminRequest('DELETE'), handler)).then((value) => {
      answered = true;
      return value;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(answered).toBe(false);
    finish();
    await expect(answer).resolves.toEqual({ result_code: 0 });
    expect(written).toEqual([expect.objectContaining({ action: 'DELETE /api/admin/employees/:id', target: 'id=7', outcome: 'ok' })]);
  });

  it('lets a refusal go only after its entry is written, and passes the same error on', async () => {
    const { log, written, finish } = slowLog();
    const refusal = new Error('no such employee');
    const handler: CallHandler = { handle: () => throwError(() => refusal) };
    let settled = false;
    const answer = firstValueFrom(new AuditInterceptor(log, new Reflector()).intercept(adminRequest('DELETE'), handler)).finally(() => (settled = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toBe(false);
    finish();
    await expect(answer).rejects.toBe(refusal);
    expect(written).toEqual([expect.objectContaining({ outcome: 'refused: no such employee' })]);
  });
});
