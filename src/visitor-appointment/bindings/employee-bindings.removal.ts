import { Injectable } from '@nestjs/common';
import { EmployeeRemovalHook } from '../employees/employee-removal.hook';
import { WechatBindingWriter } from './wechat-binding.writer';

/** An employee who left the directory keeps no WeChat binding. */
@Injectable()
export class EmployeeBindingsRemoval extends EmployeeRemovalHook {
  constructor(private readonly writer: WechatBindingWriter) {
    super();
  }

  removed(employeeId: number): Promise<void> {
    return this.writer.unbindEmployee(employeeId);
  }
}
