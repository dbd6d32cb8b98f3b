import { Injectable } from '@nestjs/common';
import { RateCounters, RateLimit } from '../../common/rate-limit/rate-counters.service';
import { VisitorConfig } from '../../config/visitor.config';

/** What a visitor request is about, for the per-target limits. */
export type VisitorTarget = 'phone' | 'employee' | 'wechat' | 'application';

/**
 * The visitor protocol carries no credential, so whoever knows a phone could otherwise walk it
 * to a door: every H5 route, the kiosk and the QR check are limited per client address and per
 * target (a phone, a name + phone, a weixinUserId), in counters all instances share. Refusals
 * answer code 429.
 */
@Injectable()
export class VisitorLimits {
  private readonly perAddress: RateLimit;
  private readonly perTarget: RateLimit;
  private readonly bindings: RateLimit;
  private readonly gate: RateLimit;

  constructor(
    private readonly rates: RateCounters,
    config: VisitorConfig,
  ) {
    this.perAddress = { name: 'v1-address', limit: config.requestsPerAddressPerMinute, windowSeconds: 60, message: 'too many requests from this address' };
    this.perTarget = { name: 'v1-target', limit: config.requestsPerTargetPerHour, windowSeconds: 3600, message: 'too many requests about this person' };
    this.bindings = { name: 'v1-binding', limit: config.bindingsPerAddressPerHour, windowSeconds: 3600, message: 'too many binding attempts from this address' };
    this.gate = { name: 'v1-gate', limit: config.gateChecksPerAddressPerMinute, windowSeconds: 60, message: 'too many QR checks from this gate' };
  }

  address(address: string): Promise<void> {
    return this.rates.hit(this.perAddress, address);
  }

  /** Counts a request about each target that is given. */
  async targets(targets: Partial<Record<VisitorTarget, string | number | undefined>>): Promise<void> {
    for (const [kind, value] of Object.entries(targets)) {
      if (value !== undefined && value !== '') await this.rates.hit(this.perTarget, `${kind}:${value}`);
    }
  }

  bindingAttempt(address: string): Promise<void> {
    return this.rates.hit(this.bindings, address);
  }

  /** A failed employee binding costs a second attempt: guessing names and phones runs out twice as fast. */
  async bindingFailed(address: string): Promise<void> {
    await this.rates.increment(`${this.bindings.name}:${address}`, this.bindings.windowSeconds);
  }

  gateCheck(address: string): Promise<void> {
    return this.rates.hit(this.gate, address);
  }
}
