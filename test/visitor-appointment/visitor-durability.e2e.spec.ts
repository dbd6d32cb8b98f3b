import { besideAHungInstance } from '../support/test-app';
import { rm } from 'node:fs/promises';
import { DataSource } from 'typeorm';
import { VisitorGrantsListener } from '../../src/device-gateway/provisioning/visitor-grants.listener';
import { VisitorSweepJob } from '../../src/device-gateway/provisioning/visitor-sweep.job';
import { VisitorAccessRevoked, VisitorSignedIn } from '../../src/events';
import { NotificationWorker } from '../../src/visitor-appointment/notifications/notification-worker.service';
import { adminLogin } from '../support/face-flows';
import { FormClient } from '../support/form-client';
import { adminApi, eventually } from '../support/gateway-flows';
import { applicationBody, seedEmployeeAndVisitor, startVisitorTestApp, TEST_TEMPLATES, V1Client, v1Client, VisitorTestApp } from '../support/visitor-flows';
import { sql } from '../support/test-sql';

/** An employee and a visitor to visit them, and a template for every message; returns the H5 client. */
async function withTemplates(t: VisitorTestApp): Promise<V1Client> {
  const v1 = v1Client(t);
  const adminToken = await adminLogin(new FormClient(t.baseUrl));
  await seedEmployeeAndVisitor(v1, adminApi(t, adminToken));
  expect((await v1('PUT', '/config/templates', { body: TEST_TEMPLATES, token: adminToken })).code).toBe(0);
  return v1;
}

describe('visitor messages and door access are durable (e2e)', () => {
  it('sends after a restart the messages the stopped app could not deliver', async () => {
    const first = await startVisitorTestApp();
    let second: VisitorTestApp | undefined;
    try {
      const v1 = await withTemplates(first);
      first.sms.fail({ code: 'isp.SYSTEM_ERROR' });
      first.wechat.failTemplateSends(-1);
      expect((await v1('POST', '/subject', { body: applicationBody(first) })).code).toBe(0);
      await first.app.get(NotificationWorker).drain();
      expect(first.sms.sent).toEqual([]);
      expect(first.wechat.templates).toEqual([]);
      await first.app.close();

      second = await startVisitorTestApp({}, first.dir);
      second.clock.advance(5_001);
      await second.app.get(NotificationWorker).drain();
      expect(second.sms.sent.map((m) => [m.phone, m.templateCode])).toEqual([['13811111111', 'T-approval_reminder_to_employee-sms']]);
      expect(second.wechat.templates.map((m) => [m.touser, m.template_id])).toEqual([['emp-lisi', 'T-approval_reminder_to_employee-wechat']]);
    } finally {
      await second?.close();
      await first.wechat.stop();
      await first.sms.stop();
      await rm(first.dir, { recursive: true, force: true });
    }
  });

  it('does not send an SMS again within minutes when the attempt that sent it was cut short', async () => {
    const first = await startVisitorTestApp({ NOTIFY_TIMEOUT_MS: '60000' });
    let second: VisitorTestApp | undefined;
    try {
      const v1 = await withTemplates(first);
      first.sms.hold();
      expect((await v1('POST', '/subject', { body: applicationBody(first) })).code).toBe(0);
      void first.app.get(NotificationWorker).drain();
      await eventually(() => expect(first.sms.sent).toHaveLength(1));

      // The first app is stuck in the call, as if it had died there; another starts on its database.
      second = await startVisitorTestApp({}, first.dir, besideAHungInstance);
      const worker = second.app.get(NotificationWorker);
      second.clock.advance(60_000);
      await worker.drain();
      expect(second.sms.sent).toEqual([]);
      second.clock.advance(61_000);
      await worker.drain();
      expect(second.sms.sent).toHaveLength(1);
      const [message] = (await adminApi(second, await adminLogin(new FormClient(second.baseUrl)))('/api/admin/notifications?channel=sms')).body.items;
      expect(message).toMatchObject({ state: 'sent', attempts: 2, lastError: expect.stringContaining('may have been delivered') });

      // The answer the first attempt waited for arrives late: it changes nothing.
      first.sms.release();
      await first.app.get(NotificationWorker).drain();
      const [after] = (await adminApi(second, await adminLogin(new FormClient(second.baseUrl)))('/api/admin/notifications?channel=sms')).body.items;
      expect(after).toEqual(message);
    } finally {
      await second?.close();
      await first.close();
      await rm(first.dir, { recursive: true, force: true });
    }
  });

  it('grants once however often a sign-in is delivered, and never for a visit already over', async () => {
    const t = await startVisitorTestApp();
    try {
      const listener = t.app.get(VisitorGrantsListener);
      const grants = () => sql(t.app.get(DataSource), 'SELECT person_id, active, version FROM access_grant ORDER BY person_id');
      const now = t.clock.now().getTime();
      const signedIn = (endTime: number, personId: string) =>
        new VisitorSignedIn({
          applicationId: 1,
          people: [{ personId, subjectId: 1, name: '张三', phone: '13922222222', photoUrl: '' }],
          startTime: new Date(now - 7_200_000).toISOString(),
          endTime: new Date(endTime).toISOString(),
          signedInAt: new Date(now).toISOString(),
        });

      await listener.onSignedIn(signedIn(now - 1_000, 'VS1'));
      expect(await grants()).toEqual([]);

      await listener.onSignedIn(signedIn(now + 3_600_000, 'VS2'));
      await listener.onSignedIn(signedIn(now + 3_600_000, 'VS2'));
      expect(await grants()).toEqual([{ person_id: 'VS2', active: 1, version: 1 }]);

      const revoked = new VisitorAccessRevoked({ applicationId: 1, personIds: ['VS2', 'VS404'], revokedAt: new Date(now).toISOString() });
      await listener.onRevoked(revoked);
      await listener.onRevoked(revoked);
      expect(await grants()).toEqual([{ person_id: 'VS2', active: 0, version: 2 }]);
    } finally {
      await t.close();
    }
  });

  it('sweeps every visitor whose visit ended, however many end at once', async () => {
    const t = await startVisitorTestApp();
    try {
      const now = t.clock.now().getTime();
      const people = Array.from({ length: 60 }, (_, i) => ({ personId: `VS${1000 + i}`, subjectId: 1000 + i, name: `访客${i}`, phone: '13922222222', photoUrl: '' }));
      const visit = (applicationId: number, endTime: number, who: typeof people) =>
        new VisitorSignedIn({
          applicationId,
          people: who,
          startTime: new Date(now).toISOString(),
          endTime: new Date(endTime).toISOString(),
          signedInAt: new Date(now).toISOString(),
        });
      await t.app.get(VisitorGrantsListener).onSignedIn(visit(1, now + 60_000, people.slice(0, 59)));
      await t.app.get(VisitorGrantsListener).onSignedIn(visit(2, now + 3_600_000, people.slice(59)));
      t.clock.advance(61_000);
      await t.app.get(VisitorSweepJob).sweep();
      const active = await sql(t.app.get(DataSource), 'SELECT person_id FROM access_grant WHERE active = ?', [true]);
      expect(active).toEqual([{ person_id: 'VS1059' }]);
    } finally {
      await t.close();
    }
  });

  it('sweeps at start-up the visits that ended while the service was stopped', async () => {
    const first = await startVisitorTestApp();
    let second: VisitorTestApp | undefined;
    try {
      const now = first.clock.now().getTime();
      await first.app.get(VisitorGrantsListener).onSignedIn(
        new VisitorSignedIn({
          applicationId: 1,
          people: [{ personId: 'VS77', subjectId: 77, name: '访客', phone: '13922222222', photoUrl: '' }],
          startTime: new Date(now).toISOString(),
          endTime: new Date(now + 300).toISOString(),
          signedInAt: new Date(now).toISOString(),
        }),
      );
      await first.app.close();
      await new Promise((resolve) => setTimeout(resolve, 400));
      second = await startVisitorTestApp({ VISITOR_SWEEP_SECONDS: '3600' }, first.dir);
      const database = second.app.get(DataSource);
      await eventually(async () => expect(await sql(database, 'SELECT active FROM access_grant')).toEqual([{ active: 0 }]));
    } finally {
      await second?.close();
      await first.wechat.stop();
      await first.sms.stop();
      await rm(first.dir, { recursive: true, force: true });
    }
  });
});
