import { Injectable } from '@nestjs/common';
import { HotelStatus, HotelStatusError } from '../../common/protocols/hotel/hotel-envelope';
import { HotelAccount } from './hotel-account.entity';
import { HotelTokens } from './hotel-tokens.service';

/** The hotel account of the `?token=` of a request, in the hotel protocol's terms (-100, -101, -102). */
@Injectable()
export class HotelSession {
  constructor(private readonly tokens: HotelTokens) {}

  async account(token: unknown): Promise<HotelAccount> {
    if (typeof token !== 'string' || token === '') throw HotelStatusError.global(HotelStatus.MissingArgs, 'token is missing from the URL');
    const check = await this.tokens.check(token);
    if ('account' in check) return check.account;
    if (check.failure === 'no-account') throw HotelStatusError.global(HotelStatus.NoUserForToken, 'the account of this token no longer exists');
    throw HotelStatusError.global(HotelStatus.ErrorToken, 'unknown or expired token');
  }

  /** The account of an optional token: none without one, but a wrong one is still refused. */
  async optionalAccount(token: unknown): Promise<HotelAccount | null> {
    return token === undefined || token === '' ? null : this.account(token);
  }
}
