import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock/clock';
import { SiteTime } from '../../common/clock/site-time';
import { ConflictError, NotFoundError } from '../../common/errors/domain-errors';
import { Outbox } from '../../common/outbox/outbox.service';
import { VisitorSignedIn } from '../../events';
import { NotificationOutbox } from '../notifications/notification-outbox.service';
import { NotificationWorker } from '../notifications/notification-worker.service';
import { VisitNotifications } from '../visits/visit-notifications';
import { visitorPersonId } from '../visitor-person-id';
import { VisitApplication } from '../visits/visit-application.entity';
import { visitPeople } from '../visits/visit-people';
import { VisitPerson } from '../visits/visit-person.entity';
import { VisitPhotos } from '../visits/visit-photos';
import { Visit } from '../visits/visit-presenter';
import { QrCodeService, ScannedCode } from './qr-code.service';
import { VisitAnnouncer } from '../visits/visit-announcer';
import { UnitOfWork } from '../../database/unit-of-work';
import { VisitWriter } from '../visits/visit.writer';
import { VisitQuery } from '../visits/visit.query';

export type QrVerdict = 'valid' | 'unknown' | 'not-started' | 'expired';

/** Sign-in at the kiosk, and the gates' questions about the QR codes it hands out. */
@Injectable()
export class VisitSigninService {
  private readonly logger = new Logger(VisitSigninService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
    private readonly writer: VisitWriter,
    private readonly visits: VisitQuery,
    private readonly qrCodes: QrCodeService,
    private readonly photos: VisitPhotos,
    private readonly notifications: NotificationOutbox,
    private readonly messages: VisitNotifications,
    private readonly notifier: NotificationWorker,
    private readonly outbox: Outbox,
    private readonly site: SiteTime,
    private readonly clock: Clock,
    private readonly announcer: VisitAnnouncer,
  ) {}

  /**
   * Signs in today's authorised visit of whoever has this phone (main visitor or companion): the
   * earliest one not signed in yet. Every person of it gets a QR code and door access for the window.
   */
  async signIn(phone: string): Promise<Visit> {
    const now = this.clock.now();
    const application = await this.pick(phone, now);
    const people = await visitPeople(this.dataSource.manager, application.id);
    const codes = people.map(() => this.qrCodes.issue());
    // Images first, under names nothing refers to until the commit below. One after the other:
    // each PNG is ~15 ms of synchronous work, and a visit of 21 people rendered at once would
    // hold up every other request (a door waiting on /syface) for a third of a second.
    for (const code of codes) await this.qrCodes.render(application.id, code);
    try {
      const visit = await this.unitOfWork.run(async (manager) => {
        if (!(await this.writer.signIn(application.id, now, people, codes))) throw new ConflictError('this visit was signed in a moment ago');
        for (const [index, person] of people.entries()) person.qrcode = codes[index];
        const visit = { application: Object.assign(application, { signinTime: now, updatedAt: now }), people };
        await this.outbox.stage(manager, this.signedInEvent(visit, now), `visit:${application.id}`);
        await this.notifications.stage(manager, this.messages.signedIn(visit));
        return visit;
      });
      this.outbox.dispatchSoon();
      this.notifier.kick();
      this.announcer.changed([application.id], 'signed-in');
      this.logger.log(`application ${application.id} signed in: ${people.length} people`);
      return visit;
    } catch (error) {
      await Promise.all(codes.map((code) => this.qrCodes.discard(code)));
      throw error;
    }
  }

  async verify(scanned: string): Promise<QrVerdict> {
    const code: ScannedCode | null = this.qrCodes.parse(scanned);
    if (!code) return 'unknown';
    const person = await this.dataSource.getRepository(VisitPerson).findOneBy({ qrcode: code.qrcode });
    if (!person || (code.applicationId !== undefined && code.applicationId !== person.applicationId)) return 'unknown';
    const application = await this.dataSource.getRepository(VisitApplication).findOneBy({ id: person.applicationId });
    if (!application) return 'unknown';
    const now = this.clock.now().getTime();
    if (now < application.startTime.getTime()) return 'not-started';
    return now < application.endTime.getTime() ? 'valid' : 'expired';
  }

  private async pick(phone: string, now: Date): Promise<VisitApplication> {
    const day = this.site.dayOf(now);
    const today = await this.visits.upcomingOf(phone, now, day.end);
    const authorised = today.filter((a) => a.isAuth);
    const open = authorised.find((a) => !a.signinTime);
    if (open) return open;
    if (authorised.length > 0) {
      throw new ConflictError(`already signed in at ${this.site.minutes(authorised[authorised.length - 1].signinTime!).slice(11)}; the QR codes are in the visit record`);
    }
    throw new NotFoundError(
      today.length > 0 ? "today's visit for this phone is still waiting for the interviewee's authorisation" : 'no authorised visit for this phone today',
    );
  }

  private signedInEvent({ application: a, people }: Visit, now: Date): VisitorSignedIn {
    return new VisitorSignedIn({
      applicationId: a.id,
      people: people.map((p) => ({ personId: visitorPersonId(p.id), subjectId: p.id, name: p.name, phone: p.phone, photoUrl: this.photos.lastingUrl(p.photoKey) })),
      startTime: a.startTime.toISOString(),
      endTime: a.endTime.toISOString(),
      signedInAt: now.toISOString(),
    });
  }

}
