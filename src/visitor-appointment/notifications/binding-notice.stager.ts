import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { SiteTime } from '../../common/clock/site-time';
import { NewBindingNotice } from '../bindings/new-binding-notice';
import { Employee } from '../employees/employee.entity';
import { NotificationOutbox } from './notification-outbox.service';
import { NotificationWorker } from './notification-worker.service';

/** "Your staff identity was bound to a new WeChat account at 14:02; if this was not you, tell your administrator." */
@Injectable()
export class BindingNoticeStager extends NewBindingNotice {
  constructor(
    private readonly outbox: NotificationOutbox,
    private readonly worker: NotificationWorker,
    private readonly site: SiteTime,
  ) {
    super();
  }

  stage(manager: EntityManager, employee: Employee, boundAt: Date): Promise<void> {
    return this.outbox.stage(manager, [
      {
        kind: 'binding_notice_to_employee',
        applicationId: null,
        phone: employee.phone,
        employeeId: employee.id,
        params: { name: employee.name, time: this.site.minutes(boundAt) },
      },
    ]);
  }

  sendSoon(): void {
    this.worker.kick();
  }
}
