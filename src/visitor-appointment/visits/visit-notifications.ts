import { Injectable } from '@nestjs/common';
import { SiteTime } from '../../common/clock/site-time';
import { Visit, VisitPresenter } from './visit-presenter';
import { NotificationRequest } from '../notifications/notification-outbox.service';

const PURPOSE_LABELS = ['其它', '面试', '商务', '亲友', '快递送货'];

/**
 * The messages of a visit. Every template gets the same few parameters (documented in
 * docs/protocol-decisions.md), so a site can word its WeChat and SMS templates freely around them.
 */
@Injectable()
export class VisitNotifications {
  constructor(
    private readonly site: SiteTime,
    private readonly presenter: VisitPresenter,
  ) {}

  /** To the interviewee: someone asks to visit and waits for authorisation. */
  approvalReminder(visit: Visit): NotificationRequest[] {
    return [this.toEmployee(visit, 'approval_reminder_to_employee', { time: this.window(visit) })];
  }

  /** To the main visitor: the visit is authorised. */
  approvalPassed(visit: Visit): NotificationRequest[] {
    const { application: a } = visit;
    return [
      {
        kind: 'approval_pass_to_visitor',
        applicationId: a.id,
        phone: a.phone,
        params: { ...this.common(visit), time: this.window(visit) },
      },
    ];
  }

  /** To the interviewee that the visitors arrived, and to each visitor their QR code. */
  signedIn(visit: Visit): NotificationRequest[] {
    const { application: a } = visit;
    const signedIn = this.site.minutes(a.signinTime ?? a.updatedAt);
    return [
      this.toEmployee(visit, 'visitor_signin_to_employee', { time: signedIn }),
      ...visit.people.map((person): NotificationRequest => {
        const qr = this.presenter.qr(a.id, person).qrcode_img_url;
        return {
          kind: 'signin_to_visitor',
          applicationId: a.id,
          phone: person.phone,
          params: { ...this.common(visit), visitor: person.name, time: this.window(visit), qrcode: qr },
          link: qr,
        };
      }),
    ];
  }

  private toEmployee(visit: Visit, kind: NotificationRequest['kind'], extra: Record<string, string>): NotificationRequest {
    const { application: a } = visit;
    return { kind, applicationId: a.id, phone: a.intervieweePhone, employeeId: a.employeeId, params: { ...this.common(visit), ...extra } };
  }

  private common({ application: a, people }: Visit): Record<string, string> {
    return {
      visitor: a.name,
      phone: a.phone,
      company: a.comeFrom,
      purpose: PURPOSE_LABELS[a.purpose] ?? PURPOSE_LABELS[0],
      people: String(people.length),
      interviewee: a.interviewee,
    };
  }

  /** `2026-11-22 10:00~12:00`, or with both dates when the visit spans days. */
  private window({ application: a }: Visit): string {
    const start = this.site.minutes(a.startTime);
    const end = this.site.minutes(a.endTime);
    return `${start}~${end.slice(0, 10) === start.slice(0, 10) ? end.slice(11) : end}`;
  }
}
