import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Principal } from '../../common/auth/principal';
import { StaffRole } from '../../common/auth/staff-role';
import { TokenService } from '../../common/auth/token.service';
import { Clock } from '../../common/clock/clock';
import { PasswordHasher } from '../../common/crypto/password-hasher';
import { ConflictError, NotFoundError, PermissionDeniedError } from '../../common/errors/domain-errors';
import { Page, pageOffset, PageRequest } from '../../common/paging/page';
import { containing } from '../../database/like-pattern';
import { isUniqueViolation } from '../../database/unique-violation';
import { checkNewPassword } from '../admin-account.service';
import { AdminUser } from '../admin-user.entity';
import { SINGLE_STATEMENT } from '../../database/unit-of-work';

export interface AccountChange {
  role?: StaffRole;
  password?: string;
}

/**
 * Back-office accounts as administrators manage them. Whatever changes what an account may do
 * (its role, its password, the account itself) ends its sessions, so no token outlives the change.
 * The last administrator can be neither demoted nor removed.
 */
@Injectable()
export class StaffAccounts {
  private readonly logger = new Logger(StaffAccounts.name);

  constructor(
    @InjectRepository(AdminUser) private readonly admins: Repository<AdminUser>,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokenService,
    private readonly clock: Clock,
  ) {}

  async page(search: string | undefined, request: PageRequest): Promise<Page<AdminUser>> {
    const where = search?.trim() ? { userName: containing(this.admins.manager.connection, search.trim()) } : {};
    const [items, total] = await this.admins.findAndCount({ where, order: { id: 'ASC' }, skip: pageOffset(request), take: request.size });
    return { items, page: request.page, size: request.size, total };
  }

  async create(userName: string, password: string, role: StaffRole, by: Principal): Promise<AdminUser> {
    checkNewPassword(password);
    const now = this.clock.now();
    const account = this.admins.create({ userName, passwordHash: await this.hasher.hash(password), role, createdAt: now, passwordChangedAt: now });
    try {
      await this.admins.save(account, SINGLE_STATEMENT);
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError(`an account named "${userName}" already exists`);
      throw error;
    }
    this.logger.log(`${by.displayName ?? by.subject} created the ${role} account #${account.id} "${userName}"`);
    return account;
  }

  async change(id: number, change: AccountChange, by: Principal): Promise<AdminUser> {
    const account = await this.get(id);
    // Nothing asked for: the account's sessions are left alone.
    if (change.role === undefined && change.password === undefined) return account;
    if (change.role !== undefined && change.role !== account.role) {
      if (account.role === 'admin') await this.assertAnotherAdmin(account, 'demoted');
      account.role = change.role;
    }
    if (change.password !== undefined) {
      checkNewPassword(change.password);
      account.passwordHash = await this.hasher.hash(change.password);
      account.passwordChangedAt = this.clock.now();
    }
    await this.admins.save(account, SINGLE_STATEMENT);
    // The caller changing their own password keeps the session they are using.
    const ownPasswordOnly = String(id) === by.subject && change.role === undefined;
    await this.tokens.revokeAll('admin', String(id), ownPasswordOnly ? by.sessionId : undefined);
    this.logger.log(`${by.displayName ?? by.subject} changed ${Object.keys(change).join(' and ')} of account #${id}`);
    return account;
  }

  async remove(id: number, by: Principal): Promise<void> {
    const account = await this.get(id);
    if (String(id) === by.subject) throw new PermissionDeniedError('an administrator cannot remove their own account');
    if (account.role === 'admin') await this.assertAnotherAdmin(account, 'removed');
    await this.admins.delete({ id });
    await this.tokens.revokeAll('admin', String(id));
    this.logger.log(`${by.displayName ?? by.subject} removed account #${id} "${account.userName}"`);
  }

  private async get(id: number): Promise<AdminUser> {
    const account = await this.admins.findOneBy({ id });
    if (!account) throw new NotFoundError(`no account #${id}`);
    return account;
  }

  private async assertAnotherAdmin(account: AdminUser, what: string): Promise<void> {
    if ((await this.admins.countBy({ role: 'admin' })) <= 1) {
      throw new ConflictError(`"${account.userName}" is the last administrator and cannot be ${what}`);
    }
  }
}
