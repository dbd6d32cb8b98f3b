import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { Clock } from '../../common/clock/clock';
import { PasswordHasher } from '../../common/crypto/password-hasher';
import { ConflictError, CredentialsRejectedError, NotFoundError, PasswordRejectedError, WrongPasswordError } from '../../common/errors/domain-errors';
import { LoginThrottle } from '../../common/rate-limit/login-throttle';
import { RateCounters, RateLimit } from '../../common/rate-limit/rate-counters.service';
import { isUniqueViolation } from '../../database/unique-violation';
import { SmsPurpose } from '../captcha/captcha.entity';
import { CaptchaService } from '../captcha/captcha.service';
import { HotelAccount } from './hotel-account.entity';
import { HotelTokens } from './hotel-tokens.service';

const LOCKOUT_SCOPE = 'hotel';
/** Failed password logins from one address in an hour: slows down guessing across many accounts. */
const FAILED_LOGINS_PER_ADDRESS: RateLimit = { name: 'hotel-login-failures-address', limit: 100, windowSeconds: 3600, message: 'too many failed logins from this address' };

export class NoSuchAccountError extends NotFoundError {}
export class PasswordNotSetError extends CredentialsRejectedError {}
export class AccountExistsError extends ConflictError {}
export class PasswordSameAsAccountError extends PasswordRejectedError {}

export interface LoginResult {
  token: string;
  created: boolean;
}

/**
 * Hotel accounts: registration by phone with an SMS captcha, login by password (slowed after failures)
 * or by SMS captcha (creating the account the first time), and the two ways to set a password.
 */
@Injectable()
export class HotelAccountsService {
  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(HotelAccount) private readonly accounts: Repository<HotelAccount>,
    private readonly tokens: HotelTokens,
    private readonly captchas: CaptchaService,
    private readonly hasher: PasswordHasher,
    private readonly lockout: LoginThrottle,
    private readonly counters: RateCounters,
    private readonly clock: Clock,
  ) {}

  find(username: string): Promise<HotelAccount | null> {
    return this.accounts.findOneBy({ username });
  }

  async get(username: string): Promise<HotelAccount> {
    const account = await this.find(username);
    if (!account) throw new NoSuchAccountError(`no account ${username}`);
    return account;
  }

  async register(username: string, captchaHash: string, password: string): Promise<void> {
    await this.captchas.spendSms(username, SmsPurpose.Register, captchaHash);
    if (await this.find(username)) throw new AccountExistsError('this phone number has an account already');
    await this.create(username, await this.hasher.hash(password));
  }

  async loginWithPassword(username: string, password: string, enduring: boolean, address: string): Promise<string> {
    await this.lockout.assertAllowed(LOCKOUT_SCOPE, username, address);
    const account = await this.find(username);
    if (!account) {
      // Asking for names that do not exist is how phone numbers are harvested: it counts as a failure.
      await this.counters.hit(FAILED_LOGINS_PER_ADDRESS, address);
      throw new NoSuchAccountError(`no account ${username}`);
    }
    if (!account.passwordHash) throw new PasswordNotSetError('this account has no password yet: log in by SMS, or set one with the forgotten-password SMS');
    if (!(await this.hasher.verify(password, account.passwordHash))) {
      await this.lockout.recordFailure(LOCKOUT_SCOPE, username, address);
      await this.counters.hit(FAILED_LOGINS_PER_ADDRESS, address);
      throw new WrongPasswordError('wrong password');
    }
    await this.lockout.reset(LOCKOUT_SCOPE, username, address);
    return this.dataSource.transaction(async (manager) => {
      if (this.hasher.needsRehash(account.passwordHash!)) {
        await manager.getRepository(HotelAccount).update(account.id, { passwordHash: await this.hasher.hash(password) });
      }
      return this.tokens.issue(account.id, enduring, manager);
    });
  }

  /** Logs in by SMS captcha; the account is created the first time. */
  async loginWithSms(username: string, captchaHash: string, enduring: boolean): Promise<LoginResult> {
    await this.captchas.spendSms(username, SmsPurpose.Login, captchaHash);
    let account = await this.find(username);
    const created = !account;
    if (!account) account = await this.create(username, null).catch(async (error) => {
      if (error instanceof AccountExistsError) return this.get(username);
      throw error;
    });
    const accountId = account.id;
    return { token: await this.dataSource.transaction((manager) => this.tokens.issue(accountId, enduring, manager)), created };
  }

  /** Sets a new password by SMS captcha; every token of the account goes. */
  async resetPassword(username: string, captchaHash: string, password: string): Promise<void> {
    await this.captchas.spendSms(username, SmsPurpose.ForgottenPassword, captchaHash);
    await this.setPassword(await this.get(username), password);
  }

  /** Sets a new password given the old one; every token of the account goes. */
  async changePassword(username: string, oldPassword: string, newPassword: string, address: string): Promise<void> {
    await this.lockout.assertAllowed(LOCKOUT_SCOPE, username, address);
    const account = await this.get(username);
    if (!account.passwordHash) throw new PasswordNotSetError('this account has no password yet');
    if (!(await this.hasher.verify(oldPassword, account.passwordHash))) {
      await this.lockout.recordFailure(LOCKOUT_SCOPE, username, address);
      throw new WrongPasswordError('wrong password');
    }
    if (newPassword === username) throw new PasswordSameAsAccountError('the password cannot be the account name');
    await this.setPassword(account, newPassword);
  }

  private async setPassword(account: HotelAccount, password: string): Promise<void> {
    const passwordHash = await this.hasher.hash(password);
    await this.dataSource.transaction(async (manager) => {
      await manager.getRepository(HotelAccount).update(account.id, { passwordHash, updatedAt: this.clock.now() });
      await this.tokens.revokeAll(account.id, manager);
    });
  }

  private async create(username: string, passwordHash: string | null): Promise<HotelAccount> {
    const now = this.clock.now();
    const account = this.accounts.create({
      username,
      passwordHash,
      nickname: null,
      email: null,
      role: 'user',
      realNameId: null,
      faceBound: false,
      portraitKey: null,
      createdAt: now,
      updatedAt: now,
    });
    try {
      await this.accounts.insert(account);
    } catch (error) {
      if (isUniqueViolation(error)) throw new AccountExistsError('this phone number has an account already');
      throw error;
    }
    return account;
  }
}
