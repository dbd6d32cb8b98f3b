import { Injectable, Logger } from '@nestjs/common';
import { IsNull, MoreThan } from 'typeorm';
import { Clock } from '../../common/clock/clock';
import { NotFoundError } from '../../common/errors/domain-errors';
import { WechatBinding } from '../bindings/wechat-binding.entity';
import { VisitApplication } from '../visits/visit-application.entity';
import { VisitAnnouncer } from '../visits/visit-announcer';
import { UnitOfWork } from '../../database/unit-of-work';
import { VisitWriter } from '../visits/visit.writer';
import { WechatBindingWriter } from '../bindings/wechat-binding.writer';

/**
 * Revoking a WeChat binding (someone may have bound as an employee with a guessed name and
 * phone): the binding goes, and the visits it authorised that have not begun (not signed in, not
 * over) wait for authorisation again, so nobody walks in on a stolen identity.
 */
@Injectable()
export class BindingRevocation {
  private readonly logger = new Logger(BindingRevocation.name);

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly visits: VisitWriter,
    private readonly bindings: WechatBindingWriter,
    private readonly clock: Clock,
    private readonly announcer: VisitAnnouncer,
  ) {}

  async revoke(bindingId: number, by: string): Promise<number[]> {
    const now = this.clock.now();
    const undone = await this.unitOfWork.run(async (manager) => {
      const binding = await manager.getRepository(WechatBinding).findOneBy({ id: bindingId });
      if (!binding) throw new NotFoundError(`no binding ${bindingId}`);
      await this.bindings.unbind({ id: bindingId });
      const visits = manager.getRepository(VisitApplication);
      const pending = await visits.findBy({ authorisedByBindingId: bindingId, isAuth: true, signinTime: IsNull(), endTime: MoreThan(now) });
      const ids = pending.map((visit) => visit.id);
      await this.visits.withdrawAuthorisation(ids, now);
      return ids;
    });
    this.announcer.changed(undone, 'unauthorised');
    this.logger.warn(`${by} revoked WeChat binding ${bindingId}; visits waiting for authorisation again: ${undone.join(', ') || 'none'}`);
    return undone;
  }
}
