import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { PasswordHasher } from '../../common/crypto/password-hasher';
import { CredentialsRejectedError, NotFoundError, PasswordRejectedError, WrongPasswordError } from '../../common/errors/domain-errors';
import { LoginThrottle } from '../../common/rate-limit/login-throttle';
import { RateCounters, RateLimit } from '../../common/rate-limit/rate-counters.service';
import { SmsPurpose } from '../captcha/captcha.entity';
import { CaptchaService } from '../captcha/captcha.service';
import { HotelAccount } from './hotel-account.entity';
import { HotelTokens } from './hotel-tokens.service';
import { UnitOfWork } from '../../database/unit-of-work';
import { AccountExistsError, HotelAccountWriter } from './hotel-account.writer';

const LOCKOUT_SCOPE = 'hotel';
/** Failed password logins from one address in an hour: slows down guessing across many accounts. */
const FAILED_LOGINS_PER_ADDRESS: RateLimit = { name: 'hotel-login-failures-address', limit: 100, windowSeconds: 3600, message: 'too many failed logins from this address' };

export class NoSuchAccountError extends NotFoundError {}
export class PasswordNotSetError extends CredentialsRejectedError {}
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
    private readonly unitOfWork: UnitOfWork,
    @InjectRepository(HotelAccount) private readonly accounts: Repository<HotelAccount>,
    private readonly writer: HotelAccountWriter,
    private readonly tokens: HotelTokens,
    private readonly captchas: CaptchaService,
    private readonly hasher: PasswordHasher,
    private readonly lockout: LoginThrottle,
    private readonly counters: RateCounters,
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
    await this.writer.create(username, await this.hasher.hash(password));
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
    return this.unitOfWork.run(async (manager) => {
      if (this.hasher.needsRehash(account.passwordHash!)) {
        await this.writer.change(account.id, { passwordHash: await this.hasher.hash(password) });
      }
      return this.tokens.issue(account.id, enduring, manager);
    });
  }

  /** Logs in by SMS captcha; the account is created the first time. */
  async loginWithSms(username: string, captchaHash: string, enduring: boolean): Promise<LoginResult> {
    await this.captchas.spendSms(username, SmsPurpose.Login, captchaHash);
    let account = await this.find(username);
    const created = !account;
    if (!account) account = await this.writer.create(username, null).catch(async (error) => {
      if (error instanceof AccountExistsError) return this.get(username);
      throw error;
    });
    const accountId = account.id;
    return { token: await this.unitOfWork.run((manager) => this.tokens.issue(accountId, enduring, manager)), created };
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
    await this.unitOfWork.run(async (manager) => {
      await this.writer.change(account.id, { passwordHash });
      await this.tokens.revokeAll(account.id, manager);
    });
  }
}
