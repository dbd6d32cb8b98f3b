import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { Repository } from 'typeorm';
import { Clock } from '../../common/clock/clock';
import { SecretBox } from '../../common/crypto/secret-box';
import { EC_EXPIRED, EC_INVALID, EC_NOT_CONFIGURED, EC_UPSTREAM, EcError } from '../../common/protocols/ec-em/ec-em';
import { RateCounters, RateLimit } from '../../common/rate-limit/rate-counters.service';
import { HotelAccount } from '../hotel-accounts/hotel-account.entity';
import { ID_NUMBER_PURPOSE, RealNameService } from '../real-name/real-name.service';
import { parseResidentId } from '../real-name/resident-id';
import { FaceIdentityCheck } from './face-identity-check.entity';
import { FaceIdentityInfo, WechatFaceIdentityClient, WechatRefusedError } from './wechat-face-identity.client';

const LIMITS: Record<'keysPerAddress' | 'keysPerIdNumber' | 'verifiesPerAddress', RateLimit> = {
  keysPerAddress: { name: 'face-identity-key-address', limit: 30, windowSeconds: 3600, message: 'too many face checks from this address' },
  // WeChat checks the name against the ID number: without a limit this would be an oracle for who holds which number.
  keysPerIdNumber: { name: 'face-identity-key-id', limit: 5, windowSeconds: 3600, message: 'too many face checks for this ID number' },
  verifiesPerAddress: { name: 'face-identity-verify-address', limit: 60, windowSeconds: 3600, message: 'too many face check results from this address' },
};

/** WeChat's `getinfo` errcodes after which asking again may help. */
const TRANSIENT = new Set([-1, 45009]);

export interface FaceIdentityOutcome {
  passed: boolean;
  /** Why it did not pass; empty when it did. */
  reason: string;
  /** What became of the real-name record of the account that asked (none without one). */
  realName?: 'confirmed' | 'created' | 'left alone';
}

const wechatSays = (info: FaceIdentityInfo) => `微信: ${info.errmsg ?? ''} (${info.errcode})`;
const md5 = (text: string) => createHash('md5').update(text, 'utf8').digest('hex');

/**
 * The backend half of WeChat face identity (人脸核身): a `user_id_key` for a name and ID number,
 * then, with the mini-program's `verify_result`, whether the face that WeChat checked belongs to
 * that name and number. Each check and its outcome are stored; the name and number only sealed,
 * and only until the check is decided.
 */
@Injectable()
export class FaceIdentityService {
  private readonly logger = new Logger(FaceIdentityService.name);

  constructor(
    @InjectRepository(FaceIdentityCheck) private readonly checks: Repository<FaceIdentityCheck>,
    @InjectRepository(HotelAccount) private readonly accounts: Repository<HotelAccount>,
    private readonly wechat: WechatFaceIdentityClient,
    private readonly realNames: RealNameService,
    private readonly secrets: SecretBox,
    private readonly counters: RateCounters,
    private readonly clock: Clock,
  ) {}

  async start(name: string, idCardNumber: string, account: HotelAccount | null, address: string): Promise<{ userIdKey: string; expiresIn: number }> {
    if (!this.wechat.configured) throw new EcError(EC_NOT_CONFIGURED, '人脸核身未配置 (WECHAT_APPID / WECHAT_SECRET)');
    const trimmed = name.trim();
    if (!trimmed || trimmed.length > 30) throw new EcError(EC_INVALID, '姓名格式错误: name must be 1 to 30 characters');
    const id = parseResidentId(idCardNumber, this.clock.now());
    if (typeof id === 'string') throw new EcError(EC_INVALID, `身份证号码格式错误: the number ${id}`);
    const idHash = this.secrets.lookupHash(ID_NUMBER_PURPOSE, id.number);
    await this.counters.hit(LIMITS.keysPerAddress, address);
    await this.counters.hit(LIMITS.keysPerIdNumber, idHash);
    const key = await this.wechat.userIdKey(trimmed, id.number).catch((error) => {
      if (error instanceof WechatRefusedError) throw new EcError(EC_UPSTREAM, error.errmsg || `微信拒绝了请求 (${error.errcode})`);
      throw error;
    });
    const now = this.clock.now();
    await this.checks.insert({
      userIdKey: key.userIdKey,
      accountId: account?.id ?? null,
      nameSealed: this.secrets.seal(trimmed),
      idNumberSealed: this.secrets.seal(id.number),
      idNumberHmac: idHash,
      requestedAt: now,
      expiresAt: new Date(now.getTime() + key.expiresIn * 1000),
      openId: null,
      verifiedAt: null,
      passed: null,
      reason: null,
    });
    return key;
  }

  async verify(verifyResult: string, account: HotelAccount | null, address: string): Promise<FaceIdentityOutcome> {
    if (!this.wechat.configured) throw new EcError(EC_NOT_CONFIGURED, '人脸核身未配置 (WECHAT_APPID / WECHAT_SECRET)');
    if (!verifyResult.trim() || verifyResult.length > 2000) throw new EcError(EC_INVALID, '参数错误: verify_result is missing or too long');
    await this.counters.hit(LIMITS.verifiesPerAddress, address);
    const info = await this.wechat.info(verifyResult);
    if (TRANSIENT.has(info.errcode)) throw new EcError(EC_UPSTREAM, info.errmsg || '微信服务繁忙，请稍后再试');
    const check = info.user_id_key ? await this.checks.findOneBy({ userIdKey: info.user_id_key }) : null;
    if (!check) return { passed: false, reason: info.errcode ? wechatSays(info) : '这次核身不是由本服务发起的' };
    if (check.verifiedAt) return { passed: Boolean(check.passed), reason: check.reason ?? '' };
    if (check.expiresAt.getTime() < this.clock.now().getTime()) throw new EcError(EC_EXPIRED, '核身已过期，请重新开始');
    const reason = this.judge(info, check);
    const passed = reason === '';
    const name = this.secrets.open(check.nameSealed!);
    const idNumber = this.secrets.open(check.idNumberSealed!);
    await this.checks.update(check.id, { openId: info.openid?.slice(0, 64) ?? null, verifiedAt: this.clock.now(), passed, reason, nameSealed: null, idNumberSealed: null });
    const outcome: FaceIdentityOutcome = { passed, reason };
    const accountId = account?.id ?? check.accountId;
    if (passed && accountId !== null) {
      const owner = account ?? (await this.accounts.findOneBy({ id: accountId }));
      if (owner) outcome.realName = await this.realNames.confirmByFace(owner, name, idNumber);
    }
    this.logger.log(`face identity check #${check.id}: ${passed ? 'passed' : `not passed (${reason})`}${outcome.realName ? `, real-name record ${outcome.realName}` : ''}`);
    return outcome;
  }

  /** Empty when WeChat's answer passes: its call and its face check succeeded, for the name and number submitted. */
  private judge(info: FaceIdentityInfo, check: FaceIdentityCheck): string {
    if (info.errcode !== 0) return wechatSays(info);
    if (info.identify_ret !== 0) return `人脸核身未通过 (identify_ret ${info.identify_ret ?? '?'})`;
    if ((info.name_utf8_md5 ?? '').toLowerCase() !== md5(this.secrets.open(check.nameSealed!))) return '姓名与提交的不一致';
    if ((info.id_card_number_md5 ?? '').toLowerCase() !== md5(this.secrets.open(check.idNumberSealed!).toUpperCase())) return '身份证号与提交的不一致';
    return '';
  }
}
