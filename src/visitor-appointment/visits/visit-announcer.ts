import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { Clock } from '../../common/clock/clock';
import { VisitChanged } from '../../events';

/** Tells the bus that visits changed, once the change is committed (for the consoles' view of the day). */
@Injectable()
export class VisitAnnouncer {
  constructor(
    private readonly emitter: EventEmitter2,
    private readonly clock: Clock,
  ) {}

  changed(applicationIds: number[], change: VisitChanged['change']): void {
    const at = this.clock.now().toISOString();
    for (const applicationId of applicationIds) this.emitter.emit(VisitChanged.eventName, new VisitChanged({ applicationId, change, at }));
  }
}
