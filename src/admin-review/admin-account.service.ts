import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { Repository } from 'typeorm';
import { Principal } from '../common/auth/principal';
import { IssuedToken, TokenService } from '../common/auth/token.service';
import { Clock } from '../common/clock/clock';
import { PasswordHasher } from '../common/crypto/password-hasher';
import {
  ConflictError,
  CredentialsRejectedError,
  NotAuthenticatedError,
  PasswordRejectedError,
  WrongPasswordError,
} from '../common/errors/domain-errors';
import { AuthConfig } from '../config/auth.config';
import { AdminUser } from './admin-user.entity';
import { LoginThrottle } from '../common/rate-limit/login-throttle';
import { AdminUserWriter } from './admin-user.writer';

const LOCKOUT_SCOPE = 'admin';

export const PASSWORD_MIN_LENGTH = 6;
export const PASSWORD_MAX_LENGTH = 64;

/** The length rule of every back-office password, wherever it is set. */
export function checkNewPassword(password: string): void {
  if (password.length < PASSWORD_MIN_LENGTH || password.length > PASSWORD_MAX_LENGTH) {
    throw new PasswordRejectedError(`the new password must be ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters long`);
  }
}

/** Back-office accounts: login, password change, and the first administrator. */
@Injectable()
export class AdminAccountService implements OnApplicationBootstrap {
  private readonly logger = new Logger(AdminAccountService.name);
  /** Verified against when the user name is unknown, so timing does not tell which names exist. */
  private decoyHash?: Promise<string>;

  constructor(
    @InjectRepository(AdminUser) private readonly admins: Repository<AdminUser>,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokenService,
    private readonly lockout: LoginThrottle,
    private readonly config: AuthConfig,
    private readonly clock: Clock,
    private readonly writer: AdminUserWriter,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if ((await this.admins.count()) > 0) return;
    const userName = this.config.adminUsername ?? 'admin';
    const generated = !this.config.adminPassword;
    const password = this.config.adminPassword ?? randomBytes(12).toString('base64url');
    const now = this.clock.now();
    try {
      await this.writer.create({ userName, passwordHash: await this.hasher.hash(password), role: 'admin', createdAt: now, passwordChangedAt: now });
    } catch (error) {
      // Another instance created it a moment ago.
      if (error instanceof ConflictError) return;
      throw error;
    }
    if (generated) {
      this.logger.warn(
        `created the first administrator "${userName}" with the password ${password} (shown once: change it with editPassword.do)`,
      );
    } else {
      this.logger.log(`created the first administrator "${userName}" from ADMIN_USERNAME / ADMIN_PASSWORD`);
    }
  }

  async login(userName: string, password: string, address: string): Promise<IssuedToken> {
    await this.lockout.assertAllowed(LOCKOUT_SCOPE, userName, address);
    const admin = await this.admins.findOneBy({ userName });
    const matches = admin
      ? await this.hasher.verify(password, admin.passwordHash)
      : (await this.hasher.verify(password, await this.decoy()), false);
    if (!admin || !matches) {
      await this.lockout.recordFailure(LOCKOUT_SCOPE, userName, address);
      throw new CredentialsRejectedError('wrong user name or password');
    }
    await this.lockout.reset(LOCKOUT_SCOPE, userName, address);
    if (this.hasher.needsRehash(admin.passwordHash)) {
      admin.passwordHash = await this.hasher.hash(password);
      await this.writer.change(admin.id, { passwordHash: admin.passwordHash });
      this.logger.log(`upgraded the password hash of administrator #${admin.id}`);
    }
    return this.tokens.issue('admin', String(admin.id), admin.userName, admin.role);
  }

  /** Changes the caller's password and ends their other sessions. */
  async changePassword(principal: Principal, oldPassword: string, newPassword: string, address: string): Promise<void> {
    const admin = await this.admins.findOneBy({ id: Number(principal.subject) });
    if (!admin) throw new NotAuthenticatedError('this administrator no longer exists');
    await this.lockout.assertMayChangePassword(LOCKOUT_SCOPE, admin.userName, address);
    if (!(await this.hasher.verify(oldPassword, admin.passwordHash))) {
      await this.lockout.recordFailure(LOCKOUT_SCOPE, admin.userName, address);
      throw new WrongPasswordError('the old password is wrong');
    }
    await this.lockout.reset(LOCKOUT_SCOPE, admin.userName, address);
    checkNewPassword(newPassword);
    if (newPassword === oldPassword) throw new PasswordRejectedError('the new password must differ from the old one');
    await this.writer.change(admin.id, { passwordHash: await this.hasher.hash(newPassword), passwordChangedAt: this.clock.now() });
    await this.tokens.revokeAll('admin', principal.subject, principal.sessionId);
    this.logger.log(`administrator #${admin.id} changed their password`);
  }

  private decoy(): Promise<string> {
    this.decoyHash ??= this.hasher.hash(randomBytes(16).toString('hex'));
    return this.decoyHash;
  }
}
