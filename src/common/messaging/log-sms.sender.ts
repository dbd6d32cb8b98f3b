import { Injectable, Logger } from '@nestjs/common';
import { maskPhone, SmsSender } from './sms.sender';

/** SMS_PROVIDER=log: a site without an SMS contract sees in the log (and the outbox) what would have been sent. */
@Injectable()
export class LogSmsSender extends SmsSender {
  private readonly logger = new Logger('SMS');

  async send(phone: string, templateCode: string, params: Record<string, string>): Promise<null> {
    this.logger.log(`SMS (not sent, SMS_PROVIDER=log) to ${maskPhone(phone)} with template ${templateCode} (${Object.keys(params).length} parameters; the text is in the outbox)`);
    return null;
  }
}
