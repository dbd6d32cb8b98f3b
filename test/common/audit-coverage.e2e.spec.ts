import { RequestMethod } from '@nestjs/common';
import { GUARDS_METADATA, INTERCEPTORS_METADATA, METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { AUDITED_READ, NOT_AN_ACTION } from '../../src/common/audit/audit-read.decorator';
import { AuditInterceptor } from '../../src/common/audit/audit.interceptor';
import { AuthenticatedUnlessGuard } from '../../src/common/auth/authenticated-unless.guard';
import { ALLOWED_ROLES, AuthenticatedGuard } from '../../src/common/auth/authenticated.guard';
import { startTestApp, TestApp } from '../support/test-app';

/** The audit interceptor is bound per controller (@Audited): no route an administrator can act through may go without. */
describe('audit coverage', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('binds the audit log to every route where an administrator changes something or reads a face or an ID number', () => {
    const unaudited: string[] = [];
    let auditable = 0;
    for (const module of t.app.get(ModulesContainer).values()) {
      for (const wrapper of module.controllers.values()) {
        const type = wrapper.metatype as { new (...args: never[]): unknown; prototype: Record<string, unknown> };
        if (!type?.prototype) continue;
        for (const name of Object.getOwnPropertyNames(type.prototype)) {
          const handler = type.prototype[name];
          if (name === 'constructor' || typeof handler !== 'function' || Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
          const both = (key: string): unknown[] => [...((Reflect.getMetadata(key, handler) as unknown[]) ?? []), ...((Reflect.getMetadata(key, type) as unknown[]) ?? [])];
          const authenticated = both(GUARDS_METADATA).some((guard) => guard === AuthenticatedGuard || guard === AuthenticatedUnlessGuard);
          const roles = (Reflect.getMetadata(ALLOWED_ROLES, handler) ?? Reflect.getMetadata(ALLOWED_ROLES, type)) as string[] | undefined;
          const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod;
          const read = (method === RequestMethod.GET || Reflect.getMetadata(NOT_AN_ACTION, handler)) && !Reflect.getMetadata(AUDITED_READ, handler);
          if (!authenticated || (roles && !roles.includes('admin')) || read) continue;
          auditable += 1;
          if (!both(INTERCEPTORS_METADATA).includes(AuditInterceptor)) unaudited.push(`${type.name}.${name}`);
        }
      }
    }
    expect(auditable).toBeGreaterThan(25);
    expect(unaudited).toEqual([]);
  });
});
