import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EmployeeRemovalHook } from '../employees/employee-removal.hook';
import { WechatBinding } from './wechat-binding.entity';

/** An employee who left the directory keeps no WeChat binding. */
@Injectable()
export class EmployeeBindingsRemoval extends EmployeeRemovalHook {
  async removed(manager: EntityManager, employeeId: number): Promise<void> {
    await manager.delete(WechatBinding, { employeeId, kind: 'employee' });
  }
}
