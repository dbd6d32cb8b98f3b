import { hotelRequest, integer, optional, text } from '../../common/protocols/hotel/hotel-request';
import { MAINLAND_MOBILE } from '../../common/validation/mainland-mobile';

/** Account names are mainland mobile numbers. */
export const USERNAME = text({ maxLength: 11, pattern: [MAINLAND_MOBILE, 'must be a mainland mobile number (11 digits starting with 1)'] });
export const CAPTCHA_HASH = text({ maxLength: 32, pattern: [/^[0-9a-fA-F]{32}$/, 'must be 32 hex characters, md5(code + rand)'] });
/** Plain passwords, as the spec sends them; the length is the page's to decide, up to a sane bound. */
export const PASSWORD = text({ maxLength: 128 });
/** `enduring`: anything but the integer 1 is 0 (the spec: a value that is not an int counts as 0). */
const ENDURING = integer({ lenientDefault: 0 });

export const REGISTER = hotelRequest('register', 'phone', { username: USERNAME, hash: CAPTCHA_HASH, pass: PASSWORD });
export const LOGIN_PASS = hotelRequest('login', 'pass', { username: USERNAME, pass: PASSWORD, enduring: ENDURING });
export const LOGIN_SMS = hotelRequest('login', 'sms', { username: USERNAME, hash: CAPTCHA_HASH, enduring: ENDURING });
export const INFO_GET = hotelRequest('info', 'get', { username: optional(USERNAME) });
export const INFO_UPDATE = hotelRequest('info', 'update', {
  username: optional(USERNAME),
  phone: optional(USERNAME),
  nickname: text({ optional: true, nullable: true, maxLength: 20 }),
  email: text({ optional: true, nullable: true, maxLength: 50 }),
  real_auth_id: text({ optional: true, nullable: true, maxLength: 18 }),
  face_id: text({ optional: true, nullable: true, maxLength: 18 }),
});
export const PASSWORD_FORGET = hotelRequest('password', 'forget', { username: USERNAME, hash: CAPTCHA_HASH, pass: PASSWORD });
export const PASSWORD_CHANGE = hotelRequest('password', 'change', { username: USERNAME, old_pass: PASSWORD, new_pass: PASSWORD });
export const PORTRAIT_UPLOAD = hotelRequest('portrait', 'upload', { base64: text() });
