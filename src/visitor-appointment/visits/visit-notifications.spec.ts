import { SiteTime } from '../../common/clock/site-time';
import { FileStorage } from '../../common/storage/file-storage';
import { PhotoLinks } from '../../common/storage/photo-links';
import { AppConfig } from '../../config/app.config';
import { StorageConfig } from '../../config/storage.config';
import { VisitApplication } from './visit-application.entity';
import { VisitPerson } from './visit-person.entity';
import { VisitPhotos } from './visit-photos';
import { Visit, VisitPresenter } from './visit-presenter';
import { VisitNotifications } from './visit-notifications';

const app = Object.assign(new AppConfig(), { siteTimezone: 'Asia/Shanghai', publicBaseUrl: 'http://gate.example' });
const storage = new FileStorage(Object.assign(new StorageConfig(), { dir: '/tmp/unused' }), app, {} as PhotoLinks);
const messages = new VisitNotifications(new SiteTime(app), new VisitPresenter(storage, {} as VisitPhotos));

function visit(start: string, end: string, fields: Partial<VisitApplication> = {}): Visit {
  const application = Object.assign(new VisitApplication(), {
    id: 7,
    name: '张三',
    phone: '13922222222',
    purpose: 1,
    comeFrom: 'ZY',
    interviewee: '李四',
    intervieweePhone: '13811111111',
    employeeId: 3,
    startTime: new Date(start),
    endTime: new Date(end),
    signinTime: null,
    updatedAt: new Date(start),
    ...fields,
  });
  const person = (id: number, name: string, phone: string, qrcode: string | null) =>
    Object.assign(new VisitPerson(), { id, applicationId: 7, name, phone, photoKey: null, qrcode });
  return { application, people: [person(20, '张三', '13922222222', 'a'.repeat(32)), person(21, '王某', '13933333333', 'b'.repeat(32))] };
}

describe('VisitNotifications', () => {
  it('asks the employee, with the visit in site time on one day', () => {
    const [reminder] = messages.approvalReminder(visit('2026-11-22T02:00:00Z', '2026-11-22T04:30:00Z'));
    expect(reminder).toEqual({
      kind: 'approval_reminder_to_employee',
      applicationId: 7,
      phone: '13811111111',
      employeeId: 3,
      params: { visitor: '张三', phone: '13922222222', company: 'ZY', purpose: '面试', people: '2', interviewee: '李四', time: '2026-11-22 10:00~12:30' },
    });
  });

  it('writes both dates when the visit spans days', () => {
    const [passed] = messages.approvalPassed(visit('2026-11-22T14:00:00Z', '2026-11-23T02:00:00Z', { purpose: 9 }));
    expect(passed.params).toMatchObject({ time: '2026-11-22 22:00~2026-11-23 10:00', purpose: '其它' });
    expect(passed).toMatchObject({ kind: 'approval_pass_to_visitor', phone: '13922222222' });
    expect(passed.employeeId).toBeUndefined();
  });

  it('tells the employee when they arrived and gives every visitor their own QR code', () => {
    const signedIn = visit('2026-11-22T02:00:00Z', '2026-11-22T04:00:00Z', { signinTime: new Date('2026-11-22T01:55:00Z') });
    const [toEmployee, ...toVisitors] = messages.signedIn(signedIn);
    expect(toEmployee).toMatchObject({ kind: 'visitor_signin_to_employee', employeeId: 3, params: { time: '2026-11-22 09:55' } });
    expect(toVisitors.map((m) => [m.phone, m.params.visitor, m.link])).toEqual([
      ['13922222222', '张三', 'http://gate.example/files/qrcodes/' + 'a'.repeat(32) + '.png'],
      ['13933333333', '王某', 'http://gate.example/files/qrcodes/' + 'b'.repeat(32) + '.png'],
    ]);
    expect(toVisitors[1].params.qrcode).toBe(toVisitors[1].link);
  });
});
