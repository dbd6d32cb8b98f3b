import { Body, Controller, Get, HttpCode, Ip, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CredentialsRejectedError, PermissionDeniedError, WrongPasswordError } from '../../common/errors/domain-errors';
import { hotelOk, HotelStatus, requestId } from '../../common/protocols/hotel/hotel-envelope';
import { parseHotelRequest } from '../../common/protocols/hotel/hotel-request';
import { withStatuses } from '../../common/protocols/hotel/hotel-statuses';
import { ApiHotelEndpoint } from '../../common/protocols/hotel/hotel.swagger';
import { CaptchaRejectedError } from '../captcha/captcha.service';
import { AccountExistsError } from './hotel-account.writer';
import { HotelAccountsService, NoSuchAccountError, PasswordNotSetError, PasswordSameAsAccountError } from './hotel-accounts.service';
import { HotelProfileService, NoSuchFaceError, NoSuchRealNameError, PhoneUnchangeableError } from './hotel-profile.service';
import { HotelSession } from './hotel-session';
import { INFO_GET, INFO_UPDATE, LOGIN_PASS, LOGIN_SMS, PASSWORD_CHANGE, PASSWORD_FORGET, REGISTER } from './hotel-user.requests';

/** A captcha hash that does not validate is the global -4. */
const CAPTCHA: [typeof CaptchaRejectedError, number, string] = [CaptchaRejectedError, HotelStatus.ErrorHash, 'Error Hash'];
const PASSWORD_STATUSES: [abstract new (...args: never[]) => Error, number, string][] = [
  [NoSuchAccountError, 100, 'No such user'],
  [PasswordNotSetError, 101, 'Password not set'],
  [WrongPasswordError, 102, 'Error password'],
  [CredentialsRejectedError, 102, 'Error password'],
];
const PROFILE_SAMPLE = { id: 3, username: '13750687010', nickname: 'FatBallFish', email: '893721708@qq.com', phone: '13750687010', ID: '331082********089X' };

@ApiTags('hotel: accounts')
@Controller('api/user')
export class HotelUserController {
  constructor(
    private readonly accounts: HotelAccountsService,
    private readonly profiles: HotelProfileService,
    private readonly session: HotelSession,
  ) {}

  @Get('doki')
  @ApiHotelEndpoint({ summary: 'Is this token valid? (and keep it alive ten more minutes)', token: true })
  async dokiGet(@Query('token') token: unknown) {
    await this.session.account(token);
    return hotelOk(null);
  }

  @Post('doki')
  @HttpCode(200)
  @ApiHotelEndpoint({ summary: 'Is this token valid? (and keep it alive ten more minutes)', token: true })
  async doki(@Query('token') token: unknown, @Body() body: unknown) {
    await this.session.account(token);
    return hotelOk(requestId(body));
  }

  @Post('register')
  @HttpCode(200)
  @ApiHotelEndpoint({
    summary: 'Register an account by phone, proven by the SMS captcha (command_type 1)',
    requests: [REGISTER],
    statuses: '100 Create User Failed (the phone has an account)',
  })
  async register(@Body() body: unknown) {
    const { id, data } = parseHotelRequest(body, [REGISTER]);
    await withStatuses([CAPTCHA, [AccountExistsError, 100, 'Create User Failed']], () => this.accounts.register(data.username, data.hash, data.pass));
    return hotelOk(id);
  }

  @Post('login')
  @HttpCode(200)
  @ApiHotelEndpoint({
    summary: 'Log in by password, or by SMS captcha (command_type 3; the account is created the first time)',
    description:
      'A normal token dies after ten minutes unused; `enduring: 1` gives one that lasts until the password changes. An account holds at most ten tokens: a new one pushes out the oldest. ' +
      `After ${'LOGIN_MAX_FAILURES'} wrong passwords the name is locked for LOGIN_LOCKOUT_SECONDS (102).`,
    requests: [LOGIN_PASS, LOGIN_SMS],
    data: { token: 'debc454ea24827b67178482fd73f37c3', login_type: 'create' },
    statuses: 'password: 100 No such user, 101 Password not set, 102 Error password; sms: 100 Create User Failed',
  })
  async login(@Body() body: unknown, @Ip() address: string) {
    const request = parseHotelRequest(body, [LOGIN_PASS, LOGIN_SMS]);
    const enduring = request.data.enduring === 1;
    if (request.subtype === 'sms') {
      const { username, hash } = request.data;
      const { token, created } = await withStatuses([CAPTCHA, [AccountExistsError, 100, 'Create User Failed']], () => this.accounts.loginWithSms(username, hash, enduring));
      return hotelOk(request.id, { token, login_type: created ? 'create' : 'login' });
    }
    const { username, pass } = request.data;
    const token = await withStatuses(PASSWORD_STATUSES, () => this.accounts.loginWithPassword(username, pass, enduring, address));
    return hotelOk(request.id, { token });
  }

  @Get('info')
  @ApiHotelEndpoint({ summary: "The token's own user info (ID: the real-name ID number, masked)", token: true, data: PROFILE_SAMPLE })
  async infoGet(@Query('token') token: unknown) {
    return hotelOk(null, await this.profiles.profile(await this.session.account(token)));
  }

  @Post('info')
  @HttpCode(200)
  @ApiHotelEndpoint({
    summary: 'Get or change user info: ones own, or with `username` another account (hotel administrators only)',
    description:
      'get: another account needs a hotel administrator (-103). update: `phone` is the account name and cannot change; `real_auth_id` null unbinds the real-name record (and the face), ' +
      'a value binds a record of the account (in full or masked as info shows it); `face_id` null unbinds the face.',
    token: true,
    requests: [INFO_GET, INFO_UPDATE],
    data: PROFILE_SAMPLE,
    statuses: '100 No Such User; update: 101 Update UserInfo Failed, 102 No Permission Operation, 103 No Such Face, 104 No Such RealAuth',
  })
  async info(@Query('token') token: unknown, @Body() body: unknown) {
    const viewer = await this.session.account(token);
    const request = parseHotelRequest(body, [INFO_GET, INFO_UPDATE]);
    if (request.subtype === 'get') {
      const { username } = request.data;
      const profile = await withStatuses([[NoSuchAccountError, 100, 'No Such User']], () => this.profiles.profile(viewer, username));
      return hotelOk(request.id, profile);
    }
    const changes = request.data;
    await withStatuses(
      [
        [NoSuchAccountError, 100, 'No Such User'],
        [PhoneUnchangeableError, 101, 'Update UserInfo Failed'],
        [PermissionDeniedError, 102, 'No Permission Operation'],
        [NoSuchFaceError, 103, 'No Such Face'],
        [NoSuchRealNameError, 104, 'No Such RealAuth'],
      ],
      () => this.profiles.update(viewer, changes),
    );
    return hotelOk(request.id);
  }

  @Post('password')
  @HttpCode(200)
  @ApiHotelEndpoint({
    summary: 'Set a forgotten password by SMS captcha (command_type 2), or change it with the old one; every token of the account is revoked',
    requests: [PASSWORD_FORGET, PASSWORD_CHANGE],
    statuses: '100 No Such User; change: 101 Password not set, 102 Error password, 103 Password cannot be the same as account',
  })
  async password(@Body() body: unknown, @Ip() address: string) {
    const request = parseHotelRequest(body, [PASSWORD_FORGET, PASSWORD_CHANGE]);
    if (request.subtype === 'forget') {
      const { username, hash, pass } = request.data;
      await withStatuses([CAPTCHA, [NoSuchAccountError, 100, 'No Such User']], () => this.accounts.resetPassword(username, hash, pass));
      return hotelOk(request.id);
    }
    const { username, old_pass, new_pass } = request.data;
    await withStatuses(
      [...PASSWORD_STATUSES, [PasswordSameAsAccountError, 103, 'Password cannot be the same as account']],
      () => this.accounts.changePassword(username, old_pass, new_pass, address),
    );
    return hotelOk(request.id);
  }
}
