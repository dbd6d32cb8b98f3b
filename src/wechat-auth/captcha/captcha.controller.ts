import { Body, Controller, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { hotelOk, HotelStatus, HotelStatusError } from '../../common/protocols/hotel/hotel-envelope';
import { parseHotelRequest } from '../../common/protocols/hotel/hotel-request';
import { withStatuses } from '../../common/protocols/hotel/hotel-statuses';
import { ApiHotelEndpoint } from '../../common/protocols/hotel/hotel.swagger';
import { MAINLAND_MOBILE } from '../../common/validation/mainland-mobile';
import { SmsPurpose } from './captcha.entity';
import { IMAGE_GENERATE, IMAGE_VALIDATE, SMS_GENERATE, SMS_VALIDATE } from './captcha.requests';
import { CaptchaRejectedError, CaptchaService, SmsLimitError } from './captcha.service';

/** Tencent Cloud SMS codes, which the spec names for SMS captcha failures. */
const BAD_PHONE = 1016;
const LIMIT_CODES: Record<SmsLimitError['limit'], number> = { 'phone-minute': 1023, 'phone-hour': 1024, 'address-hour': 1024 };
const PURPOSES = new Set<number>(Object.values(SmsPurpose));

@ApiTags('hotel: captcha')
@Controller('api/captcha')
export class CaptchaController {
  constructor(private readonly captchas: CaptchaService) {}

  @Post()
  @HttpCode(200)
  @ApiHotelEndpoint({
    summary: 'Image captcha (a PNG of five letters and digits) and SMS captcha (five digits): generate, and validate by md5(code + rand)',
    description:
      'The code is compared lowercased. A captcha lives 180 s and validates once; five wrong guesses burn an SMS captcha. ' +
      'SMS command_type: 1 register, 2 forgotten password, 3 SMS login. Limits: one SMS per phone a minute and ten an hour, ' +
      'CAPTCHA_SMS_PER_ADDRESS_PER_HOUR per address; CAPTCHA_IMAGE_PER_ADDRESS_PER_MINUTE image captchas per address (-204 beyond).',
    requests: [IMAGE_GENERATE, IMAGE_VALIDATE, SMS_GENERATE, SMS_VALIDATE],
    data: { imgdata: 'iVBORw0KGgoAAAANSUhEUgAA...', rand: 'CST43' },
    statuses: 'validate: 100 Error captcha hash; SMS: 1016 手机号格式错误, 1023 one a minute per phone, 1024 ten an hour per phone (or too many from this address)',
  })
  async captcha(@Body() body: unknown, @Ip() address: string) {
    const request = parseHotelRequest(body, [IMAGE_GENERATE, IMAGE_VALIDATE, SMS_GENERATE, SMS_VALIDATE]);
    const rejected: [typeof CaptchaRejectedError, number, string] = [CaptchaRejectedError, 100, 'Error captcha hash'];
    switch (request.subtype) {
      case 'generate':
        if (request.type === 'img') {
          const { png, rand } = await this.captchas.issueImage(address);
          return hotelOk(request.id, { imgdata: png.toString('base64'), rand });
        }
        return hotelOk(request.id, { rand: await this.sendSms(request.data, address) });
      case 'validate':
        await withStatuses([rejected], () => this.captchas.spendByHash(request.type === 'img' ? 'image' : 'sms', request.data.hash));
        return hotelOk(request.id);
    }
  }

  private async sendSms(data: { phone: string; command_type?: number }, address: string): Promise<string> {
    if (!MAINLAND_MOBILE.test(data.phone)) throw new HotelStatusError(BAD_PHONE, '手机号格式错误: phone must be a mainland mobile number');
    const purpose = data.command_type ?? SmsPurpose.Register;
    if (!PURPOSES.has(purpose)) throw HotelStatusError.global(HotelStatus.ValueError, 'command_type must be 1 (register), 2 (forgotten password) or 3 (SMS login)');
    try {
      return await this.captchas.sendSms(data.phone, purpose as SmsPurpose, address);
    } catch (error) {
      if (error instanceof SmsLimitError) throw new HotelStatusError(LIMIT_CODES[error.limit], error.message);
      throw error;
    }
  }
}
