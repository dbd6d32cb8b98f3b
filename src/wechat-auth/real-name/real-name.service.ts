import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { Clock } from '../../common/clock/clock';
import { SiteTime } from '../../common/clock/site-time';
import { SecretBox } from '../../common/crypto/secret-box';
import { ConflictError, InvalidInputError, NotFoundError } from '../../common/errors/domain-errors';
import { HotelConfig } from '../../config/hotel.config';
import { isUniqueViolation } from '../../database/unique-violation';
import { HotelAccount } from '../hotel-accounts/hotel-account.entity';
import { HotelAccountWriter } from '../hotel-accounts/hotel-account.writer';
import { Gender, RealNameRecord } from './real-name-record.entity';
import { maskResidentId, parseResidentId, ResidentId } from './resident-id';
import { UnitOfWork } from '../../database/unit-of-work';

export const ID_NUMBER_PURPOSE = 'resident-id';

/** Which of the record's fields is wrong (the spec has a status for each). */
export type RealNameField = 'id_type' | 'id' | 'gender' | 'birthday' | 'date_start' | 'date_end';

export class RealNameFieldError extends InvalidInputError {
  constructor(
    readonly field: RealNameField,
    message: string,
  ) {
    super(message);
  }
}

/** A text longer than its column. */
export class RealNameTooLongError extends InvalidInputError {}

/** Longest values of the record's text fields. */
const LENGTHS = { name: 30, nation: 10, address: 100, organization: 30 } as const;

function checked(field: keyof typeof LENGTHS, value: string | null | undefined): string | null {
  const trimmed = value?.trim() || null;
  if (trimmed && trimmed.length > LENGTHS[field]) throw new RealNameTooLongError(`${field} is longer than ${LENGTHS[field]} characters`);
  return trimmed;
}

/** The account has no real-name record bound. */
export class NotCertifiedError extends NotFoundError {}
/** The ID number has a record already, or the account has one. */
export class RealNameExistsError extends ConflictError {}

export interface RealNameInput {
  idType: string;
  idNumber: string;
  name: string;
  gender: string;
  /** Unix seconds, the day counts. */
  birthday: number;
  nation?: string | null;
  address?: string | null;
  organization?: string | null;
  dateStart?: number | null;
  dateEnd?: number | null;
}

export type RealNameChanges = Pick<RealNameInput, 'nation' | 'address' | 'organization' | 'dateStart' | 'dateEnd'>;

/** A record as shown: the ID number masked unless asked for. */
export interface RealNameView {
  record: RealNameRecord;
  idNumber: string;
}

/**
 * Real-name records (实名认证) of hotel accounts. The ID number is checked (GB 11643), sealed at
 * rest with an HMAC beside it for look-ups, and leaves only masked; a record cannot change its
 * identity fields once created.
 */
@Injectable()
export class RealNameService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly accountWriter: HotelAccountWriter,
    @InjectRepository(RealNameRecord) private readonly records: Repository<RealNameRecord>,
    private readonly secrets: SecretBox,
    private readonly site: SiteTime,
    private readonly config: HotelConfig,
    private readonly clock: Clock,
  ) {}

  /** Creates the account's record and binds it (an account has one; an ID number has one). */
  async create(account: HotelAccount, input: RealNameInput): Promise<RealNameView> {
    if (input.idType !== 'sfz') throw new RealNameFieldError('id_type', 'id_type must be sfz (resident identity card)');
    const id = parseResidentId(input.idNumber, this.clock.now());
    if (typeof id === 'string') throw new RealNameFieldError('id', `id ${id}`);
    if (input.gender !== 'male' && input.gender !== 'female') throw new RealNameFieldError('gender', 'gender must be male or female');
    const birthday = this.day(input.birthday, 'birthday');
    this.checkConsistency(id, input.gender, birthday);
    const name = checked('name', input.name);
    if (!name) throw new InvalidInputError('name is empty');
    if (account.realNameId !== null) throw new RealNameExistsError('this account has a real-name record already');
    const now = this.clock.now();
    const record = this.records.create({
      idType: 'sfz',
      idNumberSealed: this.secrets.seal(id.number),
      idNumberHmac: this.secrets.lookupHash(ID_NUMBER_PURPOSE, id.number),
      name,
      gender: input.gender,
      birthday,
      ...this.optional(input),
      ownerAccountId: account.id,
      faceVerifiedAt: null,
      createdAt: now,
      updatedAt: now,
    });
    try {
      await this.unitOfWork.run(async (manager) => {
        await manager.getRepository(RealNameRecord).insert(record);
        await this.accountWriter.change(account.id, { realNameId: record.id });
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new RealNameExistsError('this ID number has a real-name record already');
      throw error;
    }
    return { record, idNumber: id.number };
  }

  /**
   * WeChat face identity found the account's person to be the holder of this ID number: their
   * record is confirmed (bound if the account has none), or created from what the ID number
   * says. A record of another account, or another record bound to this one, is left alone.
   */
  async confirmByFace(account: HotelAccount, name: string, idNumber: string): Promise<'confirmed' | 'created' | 'left alone'> {
    const id = parseResidentId(idNumber, this.clock.now());
    if (typeof id === 'string') return 'left alone';
    const now = this.clock.now();
    const existing = await this.records.findOneBy({ idNumberHmac: In(this.secrets.lookupHashes(ID_NUMBER_PURPOSE, id.number)) });
    if (existing) {
      if (existing.ownerAccountId !== account.id || (account.realNameId !== null && account.realNameId !== existing.id)) return 'left alone';
      await this.unitOfWork.run(async (manager) => {
        await manager.getRepository(RealNameRecord).update(existing.id, { faceVerifiedAt: now, updatedAt: now });
        await this.accountWriter.change(account.id, { realNameId: existing.id });
      });
      return 'confirmed';
    }
    if (account.realNameId !== null) return 'left alone';
    const { year, month, day } = id.birthDate;
    const birthday = this.site.dayOf(new Date(Date.UTC(year, month - 1, day, 12))).start;
    const created = await this.create(account, { idType: 'sfz', idNumber: id.number, name, gender: id.gender, birthday: birthday.getTime() / 1000 });
    await this.records.update(created.record.id, { faceVerifiedAt: now });
    return 'created';
  }

  /** Changes the optional fields of the account's record. */
  async update(account: HotelAccount, changes: RealNameChanges): Promise<void> {
    const record = await this.boundTo(account);
    await this.records.update(record.id, { ...this.optional(changes, record), updatedAt: this.clock.now() });
  }

  /** The account's record, its ID number masked. */
  async ofAccount(account: HotelAccount): Promise<RealNameView> {
    const record = await this.boundTo(account);
    return { record, idNumber: maskResidentId(this.secrets.open(record.idNumberSealed)) };
  }

  /** Masked ID numbers of the accounts' records (user info shows them). */
  async maskedNumbers(accounts: HotelAccount[]): Promise<Map<number, string>> {
    const ids = accounts.map((a) => a.realNameId).filter((id): id is number => id !== null);
    if (ids.length === 0) return new Map();
    const records = await this.records.findBy({ id: In(ids) });
    return new Map(records.map((r) => [r.id, maskResidentId(this.secrets.open(r.idNumberSealed))]));
  }

  /** Name and masked ID number of each record (the face API names the people it recognises). */
  async identities(recordIds: number[]): Promise<Map<number, { name: string; maskedId: string }>> {
    const ids = [...new Set(recordIds)];
    if (ids.length === 0) return new Map();
    const records = await this.records.findBy({ id: In(ids) });
    return new Map(records.map((r) => [r.id, { name: r.name, maskedId: maskResidentId(this.secrets.open(r.idNumberSealed)) }]));
  }

  /** The record of an ID number given in full, or masked (as user info shows it) among the account's own records. */
  async findByNumber(number: string, account: HotelAccount): Promise<RealNameRecord | null> {
    const normalized = number.trim().toUpperCase();
    if (normalized.includes('*')) {
      const own = await this.records.findBy({ ownerAccountId: account.id });
      return own.find((record) => maskResidentId(this.secrets.open(record.idNumberSealed)) === normalized) ?? null;
    }
    return this.records.findOneBy({ idNumberHmac: In(this.secrets.lookupHashes(ID_NUMBER_PURPOSE, normalized)) });
  }

  /** Unix seconds of the record's day, as the spec shows dates. */
  seconds(date: Date | null): number | null {
    return date === null ? null : date.getTime() / 1000;
  }

  private async boundTo(account: HotelAccount): Promise<RealNameRecord> {
    const record = account.realNameId === null ? null : await this.records.findOneBy({ id: account.realNameId });
    if (!record) throw new NotCertifiedError('this account has no real-name record');
    return record;
  }

  private optional(input: RealNameChanges, current?: RealNameRecord): Partial<RealNameRecord> {
    const fields: Partial<RealNameRecord> = {};
    if (input.nation !== undefined) fields.nation = checked('nation', input.nation);
    if (input.address !== undefined) fields.address = checked('address', input.address);
    if (input.organization !== undefined) fields.organization = checked('organization', input.organization);
    if (input.dateStart !== undefined) fields.dateStart = input.dateStart === null ? null : this.day(input.dateStart, 'date_start');
    if (input.dateEnd !== undefined) fields.dateEnd = input.dateEnd === null ? null : this.day(input.dateEnd, 'date_end');
    if (!current) {
      fields.nation ??= null;
      fields.address ??= null;
      fields.organization ??= null;
      fields.dateStart ??= null;
      fields.dateEnd ??= null;
    }
    return fields;
  }

  /** A timestamp "accurate to the day": the start of its day on the site's calendar. */
  private day(seconds: number, field: 'birthday' | 'date_start' | 'date_end'): Date {
    const ms = seconds * 1000;
    if (!Number.isFinite(ms) || ms < Date.UTC(1900, 0, 1) || ms > Date.UTC(2200, 0, 1)) {
      throw new RealNameFieldError(field, `${field} must be a Unix timestamp in seconds between 1900 and 2200`);
    }
    const date = this.site.dayOf(new Date(ms)).start;
    if (field === 'birthday' && date.getTime() > this.clock.now().getTime()) throw new RealNameFieldError(field, 'birthday is in the future');
    return date;
  }

  /** With REAL_NAME_CHECK_CONSISTENCY: gender and birthday must be what the ID number says. */
  private checkConsistency(id: ResidentId, gender: Gender | string, birthday: Date): void {
    if (!this.config.realNameCheckConsistency) return;
    if (gender !== id.gender) throw new RealNameFieldError('gender', `gender ${gender} disagrees with the ID number (${id.gender})`);
    const wall = this.site.wall(birthday.getTime());
    const { year, month, day } = id.birthDate;
    if (wall.getUTCFullYear() !== year || wall.getUTCMonth() + 1 !== month || wall.getUTCDate() !== day) {
      throw new RealNameFieldError('birthday', 'birthday disagrees with the ID number');
    }
  }
}
