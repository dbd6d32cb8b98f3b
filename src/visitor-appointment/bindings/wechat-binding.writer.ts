import { Injectable } from '@nestjs/common';
import { Clock } from '../../common/clock/clock';
import { ConflictError } from '../../common/errors/domain-errors';
import { isUniqueViolation } from '../../database/unique-violation';
import { UnitOfWork } from '../../database/unit-of-work';
import { WechatBinding } from './wechat-binding.entity';

export type BindingFields = Pick<WechatBinding, 'employeeId' | 'phone' | 'nick' | 'avatarUrl'>;

/** The one writer of wechat_binding; each write is a unit of work or joins the caller's. */
@Injectable()
export class WechatBindingWriter {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  /** Binding again replaces the binding, as the original did, whichever kind it was (the person switched roles or phones). */
  bind(weixinUserId: string, kind: WechatBinding['kind'], fields: BindingFields): Promise<WechatBinding> {
    return this.unitOfWork.run(async (manager) => {
      const repository = manager.getRepository(WechatBinding);
      const existing = await repository.findOneBy({ weixinUserId });
      try {
        return await repository.save(Object.assign(existing ?? repository.create({ weixinUserId, createdAt: this.clock.now() }), { kind, ...fields }));
      } catch (error) {
        if (isUniqueViolation(error)) throw new ConflictError('this WeChat user was bound by a concurrent request; try again');
        throw error;
      }
    });
  }

  /** Whether there was a binding to remove. */
  async unbind(where: { weixinUserId: string } | { id: number }): Promise<boolean> {
    const result = await this.unitOfWork.manager().getRepository(WechatBinding).delete(where);
    return Boolean(result.affected);
  }

  async unbindEmployee(employeeId: number): Promise<void> {
    await this.unitOfWork.manager().getRepository(WechatBinding).delete({ employeeId, kind: 'employee' });
  }
}
