import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { Page, PageRequest, pageOffset } from '../../common/paging/page';
import { Clock } from '../../common/clock/clock';
import { NotFoundError } from '../../common/errors/domain-errors';
import { FacePhotoService } from '../../face-registry/face-photo.service';
import { FaceRegistrationQuery } from '../../face-registry/face-registration.query';
import { Employee } from '../employees/employee.entity';
import { EmployeeService } from '../employees/employee.service';
import { NewBindingNotice } from './new-binding-notice';
import { WechatBinding } from './wechat-binding.entity';
import { UnitOfWork } from '../../database/unit-of-work';
import { WechatBindingWriter } from './wechat-binding.writer';

/** A bound employee as the visitor pages show them. */
export interface BoundEmployee {
  binding: WechatBinding;
  employee: Employee;
  avatar: string;
}

export interface VisitorBindingInput {
  weixinUserId: string;
  phone: string;
  nick?: string;
  avatar?: string;
}

/** Who a WeChat user (official-account openid) is to the visitor system: an employee or a visitor. */
@Injectable()
export class BindingService {
  private readonly logger = new Logger(BindingService.name);

  constructor(
    @InjectRepository(WechatBinding) private readonly bindings: Repository<WechatBinding>,
    @InjectRepository(Employee) private readonly employeeRows: Repository<Employee>,
    private readonly employees: EmployeeService,
    private readonly registrations: FaceRegistrationQuery,
    private readonly photos: FacePhotoService,
    private readonly notice: NewBindingNotice,
    private readonly unitOfWork: UnitOfWork,
    private readonly writer: WechatBindingWriter,
    private readonly clock: Clock,
  ) {}

  /** Bindings newest first, with the name of each employee bound. */
  async page(filter: { kind?: WechatBinding['kind']; phone?: string }, request: PageRequest): Promise<Page<{ binding: WechatBinding; employeeName: string | null }>> {
    const where = { ...(filter.kind ? { kind: filter.kind } : {}), ...(filter.phone ? { phone: filter.phone } : {}) };
    const [rows, total] = await this.bindings.findAndCount({ where, order: { id: 'DESC' }, skip: pageOffset(request), take: request.size });
    const employeeIds = rows.map((row) => row.employeeId).filter((id): id is number => id !== null);
    const employees = employeeIds.length ? await this.employeeRows.findBy({ id: In(employeeIds) }) : [];
    const names = new Map(employees.map((e) => [e.id, e.name]));
    const items = rows.map((binding) => ({ binding, employeeName: binding.employeeId === null ? null : (names.get(binding.employeeId) ?? null) }));
    return { items, page: request.page, size: request.size, total };
  }

  find(weixinUserId: string): Promise<WechatBinding | null> {
    return this.bindings.findOneBy({ weixinUserId });
  }

  /** The employee this WeChat user is bound to, or null when unbound or bound as a visitor. */
  async employeeOf(weixinUserId: string): Promise<BoundEmployee | null> {
    const binding = await this.find(weixinUserId);
    return binding?.kind === 'employee' ? this.withEmployee(binding) : null;
  }

  /** How WeChat users are bound to this phone: as an employee, a visitor, both or not at all. */
  async kindsBoundTo(phone: string): Promise<Set<WechatBinding['kind']>> {
    const bindings = await this.bindings.find({ select: { kind: true }, where: { phone } });
    return new Set(bindings.map((binding) => binding.kind));
  }

  /** Binds; when this WeChat user was not already this employee's, the employee is told (someone may have guessed their name and phone). */
  async bindEmployee(weixinUserId: string, name: string, phone: string): Promise<BoundEmployee> {
    const employee = await this.employees.findByNameAndPhone(name, phone);
    if (!employee) throw new NotFoundError('no employee in the directory has this name and phone');
    const now = this.clock.now();
    const { binding, isNew } = await this.unitOfWork.run(async (manager) => {
      const before = await manager.getRepository(WechatBinding).findOneBy({ weixinUserId });
      const saved = await this.writer.bind(weixinUserId, 'employee', { employeeId: employee.id, phone: employee.phone, nick: null, avatarUrl: null });
      const fresh = before?.kind !== 'employee' || before.employeeId !== employee.id;
      if (fresh) await this.notice.stage(manager, employee, now);
      return { binding: saved, isNew: fresh };
    });
    if (isNew) this.notice.sendSoon();
    this.logger.log(`WeChat user bound to employee ${employee.id}${isNew ? ' (new binding: the employee is told)' : ''}`);
    return { binding, employee, avatar: await this.avatarOf(binding, employee) };
  }

  async bindVisitor(input: VisitorBindingInput): Promise<WechatBinding> {
    const binding = await this.writer.bind(input.weixinUserId, 'visitor', {
      employeeId: null,
      phone: input.phone,
      nick: input.nick ?? null,
      avatarUrl: input.avatar ?? null,
    });
    this.logger.log(`WeChat user bound as visitor (binding ${binding.id})`);
    return binding;
  }

  /** Idempotent, as the original: unbinding a user who is not bound succeeds. */
  async unbind(weixinUserId: string): Promise<void> {
    if (await this.writer.unbind({ weixinUserId })) this.logger.log('WeChat user unbound');
  }

  /** The binding with its employee, or null when its employee has left the directory. */
  async withEmployee(binding: WechatBinding): Promise<BoundEmployee | null> {
    const employee = binding.employeeId === null ? null : await this.employeeRows.findOneBy({ id: binding.employeeId });
    return employee ? { binding, employee, avatar: await this.avatarOf(binding, employee) } : null;
  }

  private async avatarOf(binding: WechatBinding, employee: Employee): Promise<string> {
    const registration = await this.registrations.approvedByPhone(employee.phone);
    return registration ? this.photos.url(registration.photoKey) : (binding.avatarUrl ?? '');
  }
}
