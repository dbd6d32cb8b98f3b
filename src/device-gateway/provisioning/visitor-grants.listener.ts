import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../../common/clock/clock';
import { OnDomainEvent } from '../../common/outbox/on-domain-event.decorator';
import { VisitorAccessRevoked, VisitorSignedIn } from '../../events';
import { RecordSnapshots } from '../records/record-snapshots.service';
import { ProvisioningPlanner } from './provisioning-planner.service';
import { ProvisioningWorker } from './provisioning-worker.service';
import { UnitOfWork } from '../../database/unit-of-work';

/** Terminal user type of visitors. */
export const VISITOR_USER_TYPE = 2;

/** Visitors who signed in go on the terminals for their visit window (idempotent: events may come twice). */
@Injectable()
export class VisitorGrantsListener {
  private readonly logger = new Logger(VisitorGrantsListener.name);

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly planner: ProvisioningPlanner,
    private readonly worker: ProvisioningWorker,
    private readonly clock: Clock,
    private readonly snapshots: RecordSnapshots,
  ) {}

  @OnDomainEvent(VisitorSignedIn)
  async onSignedIn(event: VisitorSignedIn): Promise<void> {
    const startTime = new Date(event.startTime);
    const endTime = new Date(event.endTime);
    if (endTime.getTime() <= this.clock.now().getTime()) {
      this.logger.warn(`visit ${event.applicationId} ended before its sign-in reached the gateway; nobody is put on the terminals`);
      return;
    }
    const granted = await this.unitOfWork.run(async (manager) => {
      let changed = 0;
      for (const person of event.people) {
        const grant = await this.planner.grant(manager, {
          personId: person.personId,
          source: 'visitor',
          sourceId: String(person.subjectId),
          userType: VISITOR_USER_TYPE,
          name: person.name,
          phone: person.phone,
          cardNumber: '',
          photoUrl: person.photoUrl,
          startTime,
          endTime,
        });
        if (grant) changed++;
      }
      return changed;
    });
    if (granted > 0) void this.worker.kickAll();
  }

  @OnDomainEvent(VisitorAccessRevoked)
  async onRevoked(event: VisitorAccessRevoked): Promise<void> {
    const revoked = await this.unitOfWork.run(async (manager) => {
      let changed = 0;
      for (const personId of event.personIds) if (await this.planner.revoke(manager, personId)) changed++;
      return changed;
    });
    if (revoked > 0) void this.worker.kickAll();
    await this.snapshots.eraseOf(event.personIds);
  }
}
