import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Principal } from '../../common/auth/principal';
import { StaffRole } from '../../common/auth/staff-role';
import { TokenService } from '../../common/auth/token.service';
import { Clock } from '../../common/clock/clock';
import { PasswordHasher } from '../../common/crypto/password-hasher';
import { NotFoundError, PermissionDeniedError } from '../../common/errors/domain-errors';
import { Page, pageOffset, PageRequest } from '../../common/paging/page';
import { containing } from '../../database/like-pattern';
import { checkNewPassword } from '../admin-account.service';
import { AdminUser } from '../admin-user.entity';
import { AdminUserChange, AdminUserWriter } from '../admin-user.writer';

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
    private readonly writer: AdminUserWriter,
  ) {}

  async page(search: string | undefined, request: PageRequest): Promise<Page<AdminUser>> {
    const where = search?.trim() ? { userName: containing(this.admins.manager.connection, search.trim()) } : {};
    const [items, total] = await this.admins.findAndCount({ where, order: { id: 'ASC' }, skip: pageOffset(request), take: request.size });
    return { items, page: request.page, size: request.size, total };
  }

  async create(userName: string, password: string, role: StaffRole, by: Principal): Promise<AdminUser> {
    checkNewPassword(password);
    const now = this.clock.now();
    const account = await this.writer.create({ userName, passwordHash: await this.hasher.hash(password), role, createdAt: now, passwordChangedAt: now });
    this.logger.log(`${by.displayName ?? by.subject} created the ${role} account #${account.id} "${userName}"`);
    return account;
  }

  async change(id: number, change: AccountChange, by: Principal): Promise<AdminUser> {
    const account = await this.get(id);
    // Nothing asked for: the account's sessions are left alone.
    if (change.role === undefined && change.password === undefined) return account;
    const fields: AdminUserChange = {};
    if (change.password !== undefined) {
      checkNewPassword(change.password);
      Object.assign(fields, { passwordHash: await this.hasher.hash(change.password), passwordChangedAt: this.clock.now() });
    }
    if (change.role !== undefined && change.role !== account.role) {
      fields.role = change.role;
      await this.writer.whileAnotherAdmin(account, 'demoted', () => this.writer.change(id, fields));
    } else {
      await this.writer.change(id, fields);
    }
    Object.assign(account, fields);
    // The caller changing their own password keeps the session they are using.
    const ownPasswordOnly = String(id) === by.subject && change.role === undefined;
    await this.tokens.revokeAll('admin', String(id), ownPasswordOnly ? by.sessionId : undefined);
    this.logger.log(`${by.displayName ?? by.subject} changed ${Object.keys(change).join(' and ')} of account #${id}`);
    return account;
  }

  async remove(id: number, by: Principal): Promise<void> {
    const account = await this.get(id);
    if (String(id) === by.subject) throw new PermissionDeniedError('an administrator cannot remove their own account');
    await this.writer.whileAnotherAdmin(account, 'removed', () => this.writer.remove(id));
    await this.tokens.revokeAll('admin', String(id));
    this.logger.log(`${by.displayName ?? by.subject} removed account #${id} "${account.userName}"`);
  }

  private async get(id: number): Promise<AdminUser> {
    const account = await this.admins.findOneBy({ id });
    if (!account) throw new NotFoundError(`no account #${id}`);
    return account;
  }
}
