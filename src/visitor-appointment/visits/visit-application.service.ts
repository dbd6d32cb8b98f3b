import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../../common/clock/clock';
import { ConflictError, InvalidInputError, NotFoundError, PermissionDeniedError } from '../../common/errors/domain-errors';
import { Outbox } from '../../common/outbox/outbox.service';
import { FileStorage } from '../../common/storage/file-storage';
import { VisitorConfig } from '../../config/visitor.config';
import { VisitorAccessRevoked } from '../../events';
import { BindingService } from '../bindings/binding.service';
import { EmployeeService } from '../employees/employee.service';
import { NotificationOutbox } from '../notifications/notification-outbox.service';
import { NotificationWorker } from '../notifications/notification-worker.service';
import { VisitNotifications } from './visit-notifications';
import { visitorPersonId } from '../visitor-person-id';
import { CreateApplicationBody } from './dto/application.dto';
import { VisitApplication } from './visit-application.entity';
import { visitPeople } from './visit-people';
import { VisitAnnouncer } from './visit-announcer';
import { VisitPhotos } from './visit-photos';
import { VisitWriter } from './visit.writer';
import { qrImageKey, Visit } from './visit-presenter';
import { unixSeconds } from '../../common/clock/unix-seconds';
import { UnitOfWork } from '../../database/unit-of-work';
import { DataSource } from 'typeorm';
import { forUpdate } from '../../database/row-lock';

/** Applications: made by a visitor or an employee, authorised by the interviewee, deleted by the back office. */
@Injectable()
export class VisitApplicationService {
  private readonly logger = new Logger(VisitApplicationService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
    private readonly writer: VisitWriter,
    private readonly employees: EmployeeService,
    private readonly bindings: BindingService,
    private readonly photos: VisitPhotos,
    private readonly storage: FileStorage,
    private readonly notifications: NotificationOutbox,
    private readonly messages: VisitNotifications,
    private readonly notifier: NotificationWorker,
    private readonly outbox: Outbox,
    private readonly config: VisitorConfig,
    private readonly clock: Clock,
    private readonly announcer: VisitAnnouncer,
  ) {}

  async create(input: CreateApplicationBody): Promise<Visit> {
    const now = this.clock.now();
    const { startTime, endTime } = this.windowOf(input, now);
    const employee = await this.employees.findByNameAndPhone(input.interviewee, input.interviewee_phone);
    if (!employee) throw new NotFoundError('the interviewee is not in the employee directory (name and phone must both match)');
    const invitation = await this.checkProposer(input);
    const invited = invitation !== null;
    const photoKeys = await this.photos.store([input.photo, ...(input.retinues ?? []).map((r) => r.photo)], now);
    try {
      const visit = await this.unitOfWork.run(async (manager) => {
        const people = [{ name: input.name.trim(), phone: input.phone }, ...(input.retinues ?? []).map((r) => ({ name: r.name.trim(), phone: r.phone }))];
        const visit = await this.writer.create(
          {
            subjectType: input.subject_type,
            name: input.name.trim(),
            phone: input.phone,
            purpose: input.purpose ?? 0,
            remark: input.remark ?? '',
            comeFrom: input.come_from ?? '',
            proposer: input.proposer,
            interviewee: employee.name,
            intervieweePhone: employee.phone,
            employeeId: employee.id,
            department: employee.department,
            startTime,
            endTime,
            groupIds: input.group_ids ?? '',
            isAuth: invited,
            authorisedAt: invited ? now : null,
            authorisedByBindingId: invitation?.bindingId ?? null,
            signinTime: null,
            createdAt: now,
            updatedAt: now,
          },
          people.map((person, index) => ({ role: index === 0 ? 'visitor' : 'retinue', ...person, photoKey: photoKeys[index], qrcode: null })),
        );
        await this.notifications.stage(manager, invited ? this.messages.approvalPassed(visit) : this.messages.approvalReminder(visit));
        return visit;
      });
      this.notifier.kick();
      this.announcer.changed([visit.application.id], invited ? 'authorised' : 'created');
      this.logger.log(`application ${visit.application.id} for ${visit.people.length} people to employee ${employee.id}${invited ? ' (invitation, authorised)' : ''}`);
      return visit;
    } catch (error) {
      await this.photos.discard(photoKeys);
      throw error;
    }
  }

  /**
   * Authorises a visit. With a weixinUserId, it must be the interviewee's own employee binding;
   * without one (the V1.0.6 pages send none) only where VISITOR_AUTH_REQUIRE_WEIXIN_ID is off.
   */
  async authorise(id: number, weixinUserId: string | undefined): Promise<void> {
    if (weixinUserId === undefined && this.config.authRequireWeixinId) {
      throw new InvalidInputError('weixinUserId is required (query string or JSON body): only the employee visited may authorise');
    }
    const bound = weixinUserId === undefined ? null : await this.bindings.employeeOf(weixinUserId);
    if (weixinUserId !== undefined && !bound) throw new PermissionDeniedError('this WeChat user is not bound to an employee');
    const authorised = await this.unitOfWork.run(async (manager) => {
      const application = await manager.getRepository(VisitApplication).findOneBy({ id });
      if (!application) throw new NotFoundError(`no visitor application ${id}`);
      if (bound && application.employeeId !== bound.employee.id && application.intervieweePhone !== bound.employee.phone) {
        throw new PermissionDeniedError('only the employee being visited may authorise this application');
      }
      if (application.isAuth) return null;
      const now = this.clock.now();
      if (application.endTime.getTime() <= now.getTime()) throw new ConflictError('this visit is already over; the visitor has to apply again');
      const authorisation = { isAuth: true, authorisedAt: now, authorisedByBindingId: bound?.binding.id ?? null };
      // A claim: of two authorisations at the same moment (a server database runs them side by side), one writes.
      if (!(await this.writer.authorise(id, authorisation, now))) return null;
      const visit = { application: Object.assign(application, authorisation), people: await visitPeople(manager, id) };
      await this.notifications.stage(manager, this.messages.approvalPassed(visit));
      return visit;
    });
    if (authorised) {
      this.notifier.kick();
      this.announcer.changed([id], 'authorised');
      this.logger.log(`application ${id} authorised ${bound ? `by employee ${bound.employee.id}` : 'without a weixinUserId'}`);
    }
  }

  /** Deletes an application with its people, QR images and any door access they were given. */
  async remove(id: number): Promise<void> {
    const removed = await this.unitOfWork.run(async (manager) => {
      // Held until the visit is gone: a sign-in at the same moment either comes first (and its access is revoked here) or finds nothing.
      const application = await manager.getRepository(VisitApplication).findOne({ where: { id }, lock: forUpdate(this.dataSource) });
      if (!application) throw new NotFoundError(`no visitor application ${id}`);
      const people = await visitPeople(manager, id);
      await this.writer.remove(id);
      await this.notifications.forgetVisit(id);
      if (application.signinTime) {
        const event = new VisitorAccessRevoked({
          applicationId: id,
          personIds: people.map((p) => visitorPersonId(p.id)),
          revokedAt: this.clock.now().toISOString(),
        });
        await this.outbox.stage(manager, event, `visit:${id}`);
      }
      return { application, people };
    });
    this.outbox.dispatchSoon();
    this.announcer.changed([id], 'deleted');
    await this.photos.discard(removed.people.map((p) => p.photoKey));
    await Promise.all(removed.people.filter((p) => p.qrcode).map((p) => this.storage.remove('public', qrImageKey(p.qrcode!))));
    this.logger.log(`application ${id} deleted`);
  }

  private windowOf(input: CreateApplicationBody, now: Date): { startTime: Date; endTime: Date } {
    if (input.end_time <= input.start_time) throw new InvalidInputError('end_time must be after start_time');
    const earliest = unixSeconds(now) - this.config.startToleranceSeconds;
    if (input.start_time < earliest) throw new InvalidInputError('start_time is in the past');
    return { startTime: new Date(input.start_time * 1000), endTime: new Date(input.end_time * 1000) };
  }

  /**
   * Anyone may apply, bound or not (a visitor applying from a shared link; rate limits guard the
   * route). A WeChat user who is bound cannot apply in another phone's name. An application is an
   * invitation, authorised at once, when the interviewee themself proposes it from an employee
   * binding: then the answer names that binding (null when the phone's word was taken for it).
   */
  private async checkProposer(input: CreateApplicationBody): Promise<{ bindingId: number | null } | null> {
    const selfInvited = input.proposer === input.interviewee_phone;
    const binding = input.weixinUserId === undefined ? null : await this.bindings.find(input.weixinUserId);
    if (binding) {
      if (binding.phone !== input.proposer) throw new PermissionDeniedError("proposer is not this WeChat user's phone");
      return selfInvited && binding.kind === 'employee' ? { bindingId: binding.id } : null;
    }
    // Without a binding, an invitation is taken on the phone's word only where the site allows that.
    if (!selfInvited || input.weixinUserId !== undefined || this.config.authRequireWeixinId) return null;
    return (await this.bindings.kindsBoundTo(input.proposer)).has('employee') ? { bindingId: null } : null;
  }
}
