import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Clock } from '../clock/clock';
import { MessagingConfig } from '../../config/messaging.config';
import { fetchJson, OutboundFailure } from './outbound-failure';
import { canonicalQuery, rpcSignature } from './aliyun-signature';
import { SmsSender } from './sms.sender';

interface SendSmsAnswer {
  Code?: string;
  Message?: string;
  BizId?: string;
  RequestId?: string;
}

/** Codes after which sending the same message again cannot succeed. */
const PERMANENT = new Set([
  'isv.MOBILE_NUMBER_ILLEGAL',
  'isv.MOBILE_COUNT_OVER_LIMIT',
  'isv.TEMPLATE_MISSING_PARAMETERS',
  'isv.INVALID_PARAMETERS',
  'isv.INVALID_JSON_PARAM',
  'isv.PARAM_LENGTH_LIMIT',
  'isv.SMS_TEMPLATE_ILLEGAL',
  'isv.SMS_SIGNATURE_ILLEGAL',
  'isv.BLACK_KEY_CONTROL_LIMIT',
]);

/** SMS_PROVIDER=aliyun: Aliyun SMS `SendSms`, an RPC-style GET signed with HMAC-SHA1. */
@Injectable()
export class AliyunSmsSender extends SmsSender {
  constructor(
    private readonly config: MessagingConfig,
    private readonly clock: Clock,
  ) {
    super();
  }

  async send(phone: string, templateCode: string, params: Record<string, string>, reference: string): Promise<string | null> {
    const query: Record<string, string> = {
      AccessKeyId: this.config.smsAccessKeyId!,
      Action: 'SendSms',
      Format: 'JSON',
      OutId: reference,
      PhoneNumbers: phone,
      RegionId: 'cn-hangzhou',
      SignName: this.config.smsSignName!,
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: randomUUID(),
      SignatureVersion: '1.0',
      TemplateCode: templateCode,
      TemplateParam: JSON.stringify(params),
      Timestamp: this.clock.now().toISOString().replace(/\.\d{3}Z$/, 'Z'),
      Version: '2017-05-25',
    };
    const signature = rpcSignature('GET', query, this.config.smsAccessKeySecret!);
    const target = new URL(`${this.config.smsApiBase.replace(/\/+$/, '')}/?${canonicalQuery({ ...query, Signature: signature })}`);
    const { status, body } = await fetchJson<SendSmsAnswer>('Aliyun SendSms', target, {}, this.config.notifyTimeoutMs);
    if (body.Code === 'OK') return body.BizId ?? null;
    const code = body.Code ?? `HTTP ${status}`;
    throw new OutboundFailure(`Aliyun SendSms answered ${code}: ${body.Message ?? ''}`.trim(), PERMANENT.has(code));
  }
}
