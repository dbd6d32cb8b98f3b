import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ConflictError } from '../common/errors/domain-errors';
import { forUpdate } from '../database/row-lock';
import { isUniqueViolation } from '../database/unique-violation';
import { UnitOfWork } from '../database/unit-of-work';
import { AdminUser } from './admin-user.entity';

export type AdminUserChange = Partial<Pick<AdminUser, 'passwordHash' | 'passwordChangedAt' | 'role'>>;

/** The one writer of admin_user; each write joins the caller's unit of work, or stands alone. */
@Injectable()
export class AdminUserWriter {
  constructor(
    private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  /** A new account; ConflictError when the name is taken. */
  async create(fields: Omit<AdminUser, 'id'>): Promise<AdminUser> {
    const repository = this.unitOfWork.manager().getRepository(AdminUser);
    const account = repository.create(fields);
    try {
      await repository.insert(account);
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError(`an account named "${fields.userName}" already exists`);
      throw error;
    }
    return account;
  }

  async change(id: number, change: AdminUserChange): Promise<void> {
    await this.unitOfWork.manager().getRepository(AdminUser).update({ id }, change);
  }

  async remove(id: number): Promise<void> {
    await this.unitOfWork.manager().getRepository(AdminUser).delete({ id });
  }

  /**
   * Runs `work` (which demotes or removes `account`) unless it is the last administrator. The
   * administrators are locked until it is done: two administrators removing each other at the
   * same moment cannot both pass the check.
   */
  whileAnotherAdmin<T>(account: AdminUser, what: string, work: () => Promise<T>): Promise<T> {
    return this.unitOfWork.run(async (manager) => {
      const admins = await manager.getRepository(AdminUser).find({ select: { id: true }, where: { role: 'admin' }, lock: forUpdate(this.dataSource) });
      if (account.role === 'admin' && admins.filter((admin) => admin.id !== account.id).length === 0) {
        throw new ConflictError(`"${account.userName}" is the last administrator and cannot be ${what}`);
      }
      return work();
    });
  }
}
