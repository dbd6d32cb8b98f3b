import { Injectable } from '@nestjs/common';
import { Clock } from '../../common/clock/clock';
import { ConflictError } from '../../common/errors/domain-errors';
import { isUniqueViolation } from '../../database/unique-violation';
import { UnitOfWork } from '../../database/unit-of-work';
import { HotelAccount } from './hotel-account.entity';

export class AccountExistsError extends ConflictError {}

/** What may change of an account after it is made (its name, the phone number, never does). */
export type HotelAccountChange = Partial<Pick<HotelAccount, 'passwordHash' | 'nickname' | 'email' | 'role' | 'realNameId' | 'faceBound' | 'portraitKey'>>;

/**
 * The one writer of hotel_account. Each write joins the caller's unit of work (a password change
 * with its tokens revoked, a real-name record with its binding), or stands alone.
 */
@Injectable()
export class HotelAccountWriter {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  /** A new account of role user; AccountExistsError when the phone number has one already. */
  async create(username: string, passwordHash: string | null): Promise<HotelAccount> {
    const now = this.clock.now();
    const repository = this.unitOfWork.manager().getRepository(HotelAccount);
    const account = repository.create({
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
      await repository.insert(account);
    } catch (error) {
      if (isUniqueViolation(error)) throw new AccountExistsError('this phone number has an account already');
      throw error;
    }
    return account;
  }

  async change(accountId: number, change: HotelAccountChange): Promise<void> {
    await this.unitOfWork.manager().getRepository(HotelAccount).update(accountId, { ...change, updatedAt: this.clock.now() });
  }
}
