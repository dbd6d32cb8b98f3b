import { IncomingMessage, ServerResponse } from 'node:http';
import { rpcSignature } from '../../src/common/messaging/aliyun-signature';
import { LoopbackHttpFake } from './loopback-http-fake';

export const FAKE_SMS_KEY_ID = 'LTAI-fake-key';
export const FAKE_SMS_KEY_SECRET = 'fake-key-secret';
export const FAKE_SMS_SIGN_NAME = '访客系统';

/** A message the fake accepted. */
export interface SentSms {
  phone: string;
  templateCode: string;
  params: Record<string, string>;
  signName: string;
  /** The sender's own reference (`OutId`). */
  outId?: string;
  bizId: string;
}

/** Allowed clock difference of a request's Timestamp, as Aliyun does (15 minutes). */
const TIMESTAMP_SKEW_MS = 15 * 60_000;

/**
 * Aliyun SMS `SendSms` on a loopback port. It checks the RPC signature (computed with the
 * algorithm verified against Aliyun's documented example) and the request's freshness, and
 * rejects a reused SignatureNonce, as the real service does.
 */
export class FakeAliyunSms extends LoopbackHttpFake {
  readonly sent: SentSms[] = [];
  readonly requests: URLSearchParams[] = [];
  private readonly nonces = new Set<string>();
  private failures: { code: string; http?: number }[] = [];
  private held: (() => void)[] | null = null;
  /** Its clock, against which a request's Timestamp must be fresh (a test clock the app shares). */
  now: () => number = Date.now;

  /** From now on, messages are accepted (and delivered) but the answer waits for release(): a caller that dies meanwhile never learns. */
  hold(): void {
    this.held = [];
  }

  /** Sends the answers held back, and answers at once again. */
  release(): void {
    const held = this.held ?? [];
    this.held = null;
    for (const answer of held) answer();
  }

  /** The next requests answer these codes (e.g. `isp.SYSTEM_ERROR`, or HTTP 500 with `http`), one each. */
  fail(...failures: { code: string; http?: number }[]): void {
    this.failures.push(...failures);
  }

  protected handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const query = url.searchParams;
    this.requests.push(query);
    res.setHeader('content-type', 'application/json');
    const answer = (code: string, message: string, status = 200) => {
      res.statusCode = status;
      res.end(JSON.stringify({ Code: code, Message: message, RequestId: `req-${this.requests.length}` }));
    };
    const params = Object.fromEntries([...query.entries()].filter(([key]) => key !== 'Signature'));
    if (req.method !== 'GET' || params.Action !== 'SendSms' || params.Version !== '2017-05-25') return answer('InvalidAction.NotFound', 'unknown action', 404);
    if (params.AccessKeyId !== FAKE_SMS_KEY_ID) return answer('InvalidAccessKeyId.NotFound', 'Specified access key is not found.', 404);
    if (query.get('Signature') !== rpcSignature('GET', params, FAKE_SMS_KEY_SECRET)) {
      return answer('SignatureDoesNotMatch', 'Specified signature is not matched with our calculation.', 400);
    }
    if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(params.Timestamp ?? '') || Math.abs(Date.parse(params.Timestamp) - this.now()) > TIMESTAMP_SKEW_MS) {
      return answer('InvalidTimeStamp.Expired', 'Specified time stamp or date value is expired.', 400);
    }
    if (this.nonces.has(params.SignatureNonce)) return answer('SignatureNonceUsed', 'Specified signature nonce was used already.', 400);
    this.nonces.add(params.SignatureNonce);
    const failure = this.failures.shift();
    if (failure) return answer(failure.code, 'injected failure', failure.http ?? 200);
    let templateParams: Record<string, string>;
    try {
      templateParams = JSON.parse(params.TemplateParam ?? '{}');
    } catch {
      return answer('isv.INVALID_JSON_PARAM', 'JSON参数不合法');
    }
    const bizId = `biz-${this.sent.length + 1}`;
    this.sent.push({ phone: params.PhoneNumbers, templateCode: params.TemplateCode, params: templateParams, signName: params.SignName, outId: params.OutId, bizId });
    const ok = JSON.stringify({ Code: 'OK', Message: 'OK', BizId: bizId, RequestId: `req-${this.requests.length}` });
    if (this.held) this.held.push(() => res.end(ok));
    else res.end(ok);
  }
}
