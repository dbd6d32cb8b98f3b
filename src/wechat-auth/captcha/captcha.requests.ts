import { hotelRequest, integer, optional, text } from '../../common/protocols/hotel/hotel-request';
import { CAPTCHA_HASH } from '../hotel-accounts/hotel-user.requests';

export const IMAGE_GENERATE = hotelRequest('img', 'generate', {});
export const IMAGE_VALIDATE = hotelRequest('img', 'validate', { hash: CAPTCHA_HASH });
/** `hash` (an image captcha) is accepted and not used, as in the original. */
export const SMS_GENERATE = hotelRequest('sms', 'generate', { phone: text({ maxLength: 20 }), command_type: integer({ optional: true }), hash: optional(text()) });
export const SMS_VALIDATE = hotelRequest('sms', 'validate', { hash: CAPTCHA_HASH });
