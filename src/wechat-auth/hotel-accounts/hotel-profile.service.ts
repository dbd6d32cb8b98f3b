import { Injectable } from '@nestjs/common';
import { InvalidInputError, NotFoundError, PermissionDeniedError } from '../../common/errors/domain-errors';
import { RealNameService } from '../real-name/real-name.service';
import { HotelAccount } from './hotel-account.entity';
import { HotelAccountsService } from './hotel-accounts.service';
import { HotelAccountWriter } from './hotel-account.writer';

/** What user info shows of an account. */
export interface HotelProfile {
  id: number;
  username: string;
  nickname: string | null;
  email: string | null;
  phone: string;
  /** The real-name ID number, masked; null without a record. */
  ID: string | null;
}

export interface ProfileChanges {
  username?: string;
  phone?: string;
  nickname?: string | null;
  email?: string | null;
  real_auth_id?: string | null;
  face_id?: string | null;
}

export class PhoneUnchangeableError extends InvalidInputError {}
export class NoSuchRealNameError extends NotFoundError {}
export class NoSuchFaceError extends NotFoundError {}

/**
 * User info of hotel accounts: an account reads and changes its own; a hotel administrator those
 * of others too.
 */
@Injectable()
export class HotelProfileService {
  constructor(
    private readonly accountsService: HotelAccountsService,
    private readonly realNames: RealNameService,
    private readonly writer: HotelAccountWriter,
  ) {}

  async profile(viewer: HotelAccount, username?: string): Promise<HotelProfile> {
    const account = await this.target(viewer, username);
    const masked = await this.realNames.maskedNumbers([account]);
    return {
      id: account.id,
      username: account.username,
      nickname: account.nickname,
      email: account.email,
      phone: account.username,
      ID: account.realNameId === null ? null : (masked.get(account.realNameId) ?? null),
    };
  }

  async update(viewer: HotelAccount, changes: ProfileChanges): Promise<void> {
    const account = await this.target(viewer, changes.username);
    if (changes.phone !== undefined && changes.phone !== account.username) throw new PhoneUnchangeableError('phone is the account name and cannot be changed');
    const fields: Partial<HotelAccount> = {};
    if (changes.nickname !== undefined) fields.nickname = changes.nickname;
    if (changes.email !== undefined) fields.email = changes.email;
    if (changes.real_auth_id !== undefined) Object.assign(fields, await this.realNameBinding(viewer, account, changes.real_auth_id));
    if (changes.face_id !== undefined) Object.assign(fields, await this.faceBinding(account, changes.face_id, fields.realNameId));
    await this.writer.change(account.id, fields);
  }

  /** Unbinding the real-name record unbinds the face too; binding takes a record of the account (any, for an administrator). */
  private async realNameBinding(viewer: HotelAccount, account: HotelAccount, idNumber: string | null): Promise<Partial<HotelAccount>> {
    if (idNumber === null) return { realNameId: null, faceBound: false };
    const record = await this.realNames.findByNumber(idNumber, account);
    if (!record || (record.ownerAccountId !== account.id && viewer.role !== 'admin')) throw new NoSuchRealNameError('no such real-name record of this account');
    return { realNameId: record.id };
  }

  /** A face is only ever registered under the account's real-name ID number; this can only unbind it, or confirm it. */
  private async faceBinding(account: HotelAccount, faceId: string | null, realNameId = account.realNameId): Promise<Partial<HotelAccount>> {
    if (faceId === null) return { faceBound: false };
    const record = await this.realNames.findByNumber(faceId, account);
    if (!account.faceBound || !record || record.id !== realNameId) throw new NoSuchFaceError('no face is registered under this id');
    return {};
  }

  private async target(viewer: HotelAccount, username?: string): Promise<HotelAccount> {
    if (username === undefined || username === viewer.username) return viewer;
    if (viewer.role !== 'admin') throw new PermissionDeniedError("only a hotel administrator may see or change another account's info");
    return this.accountsService.get(username);
  }
}
