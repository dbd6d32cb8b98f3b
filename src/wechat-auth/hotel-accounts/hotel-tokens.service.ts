import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource, EntityManager, In, LessThanOrEqual, Repository } from 'typeorm';
import { Clock } from '../../common/clock/clock';
import { PreparedQuery, PreparedSql } from '../../database/prepared-query';
import { HotelAccount } from './hotel-account.entity';
import { HotelToken } from './hotel-token.entity';

/** Unused for this long, a normal token dies (the spec's ten minutes). */
export const TOKEN_IDLE_MS = 10 * 60_000;
/** A use extends a token only when its expiry is this much older than a fresh one: one write per half minute at most. */
const EXTEND_STEP_MS = 30_000;
export const TOKENS_PER_ACCOUNT = 10;
const TOKEN = /^[0-9a-f]{32}$/;

export type TokenCheck = { account: HotelAccount } | { failure: 'unknown' | 'no-account' };

function hashOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Tokens of hotel accounts: 32 lowercase hex characters, stored as their SHA-256. A normal token
 * lives ten minutes past its last use, an enduring one until the password changes; an account
 * holds at most ten (a new one pushes out the oldest).
 */
@Injectable()
export class HotelTokens {
  private readonly lookUp: PreparedQuery<HotelToken>;
  private readonly extend: PreparedSql;

  constructor(
    dataSource: DataSource,
    @InjectRepository(HotelToken) private readonly tokens: Repository<HotelToken>,
    @InjectRepository(HotelAccount) private readonly accounts: Repository<HotelAccount>,
    private readonly clock: Clock,
  ) {
    this.lookUp = new PreparedQuery(dataSource, HotelToken, 'SELECT * FROM hotel_token WHERE token_hash = :hash');
    this.extend = new PreparedSql(dataSource, 'UPDATE hotel_token SET expires_at = :expiresAt WHERE id = :id AND expires_at IS NOT NULL');
  }

  /** A new token for the account; the oldest beyond ten go. */
  async issue(accountId: number, enduring: boolean, manager: EntityManager): Promise<string> {
    const token = randomBytes(16).toString('hex');
    const now = this.clock.now();
    const repository = manager.getRepository(HotelToken);
    await repository.insert({ tokenHash: hashOf(token), accountId, enduring, expiresAt: enduring ? null : new Date(now.getTime() + TOKEN_IDLE_MS), createdAt: now });
    const kept = await repository.find({ select: { id: true }, where: { accountId }, order: { id: 'DESC' } });
    const surplus = kept.slice(TOKENS_PER_ACCOUNT).map((t) => t.id);
    if (surplus.length > 0) await repository.delete({ id: In(surplus) });
    return token;
  }

  /** The account of a live token, which this use keeps alive ten more minutes. */
  async check(token: string): Promise<TokenCheck> {
    if (!TOKEN.test(token)) return { failure: 'unknown' };
    const row = await this.lookUp.one({ hash: hashOf(token) });
    const now = this.clock.now().getTime();
    if (!row || (row.expiresAt && row.expiresAt.getTime() <= now)) return { failure: 'unknown' };
    const account = await this.accounts.findOneBy({ id: row.accountId });
    if (!account) return { failure: 'no-account' };
    if (row.expiresAt && row.expiresAt.getTime() < now + TOKEN_IDLE_MS - EXTEND_STEP_MS) {
      await this.extend.execute({ id: row.id, expiresAt: new Date(now + TOKEN_IDLE_MS) });
    }
    return { account };
  }

  /** Every token of the account goes (a password change logs it out everywhere). */
  async revokeAll(accountId: number, manager: EntityManager): Promise<void> {
    await manager.getRepository(HotelToken).delete({ accountId });
  }

  async purgeExpired(): Promise<number> {
    return (await this.tokens.delete({ expiresAt: LessThanOrEqual(this.clock.now()) })).affected ?? 0;
  }
}
