import { Body, Controller, Get, HttpCode, Ip, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { EC_INVALID, EC_UNAUTHENTICATED, ecOk, EcError } from '../../common/protocols/ec-em/ec-em';
import { HotelStatusError } from '../../common/protocols/hotel/hotel-envelope';
import { HotelAccount } from '../hotel-accounts/hotel-account.entity';
import { HotelSession } from '../hotel-accounts/hotel-session';
import { FaceIdentityService } from './face-identity.service';

type Fields = Record<string, unknown>;

const ERRORS =
  'Always HTTP 200 with {ec, em}: ec 200 is success; otherwise 400 invalid input, 401 a wrong hotel token, 410 the check expired, 429 too many checks, ' +
  '502 WeChat failed or refused (em is its errmsg), 503 WECHAT_APPID / WECHAT_SECRET not set; em says what went wrong, in Chinese.';

/** The mini-program sends its fields by wx.request: a JSON body, or (GET, the default) the query string. */
function field(query: Fields, body: unknown, name: string): string {
  const value = (body && typeof body === 'object' ? (body as Fields)[name] : undefined) ?? query[name];
  if (typeof value !== 'string' || value === '') throw new EcError(EC_INVALID, `参数错误: ${name} is missing`);
  return value;
}

const START_FIELDS = {
  type: 'object',
  required: ['name', 'id_card_number'],
  properties: { name: { type: 'string' }, id_card_number: { type: 'string', description: '18-character resident ID number' } },
  example: { name: '张三', id_card_number: '11010519491231002X' },
};
const VERIFY_FIELDS = {
  type: 'object',
  required: ['verify_result'],
  properties: { verify_result: { type: 'string', description: 'what wx.startFacialRecognitionVerify handed the mini-program' } },
  example: { verify_result: 'XRsT6R6Kz0uGzQ...' },
};

@ApiTags('WeChat face identity (人脸核身)')
@Controller('api/face-identity')
export class FaceIdentityController {
  constructor(
    private readonly faceIdentity: FaceIdentityService,
    private readonly session: HotelSession,
  ) {}

  @Post('user-id-key')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Step 1: a user_id_key for the name and ID number, for wx.startFacialRecognitionVerify',
    description: `Fields in a JSON body (or the query string, as wx.request sends a GET). A hotel token (?token=) is optional: with one, a passed check creates or confirms that account's real-name record. Limited per address and per ID number. ${ERRORS}`,
  })
  @ApiQuery({ name: 'token', required: false })
  @ApiBody({ schema: START_FIELDS })
  @ApiOkResponse({ schema: { type: 'object', additionalProperties: true, example: { ec: 200, em: '', user_id_key: 'uik-5f3c...', expires_in: 7200 } } })
  async userIdKey(@Query() query: Fields, @Body() body: unknown, @Ip() address: string) {
    const account = await this.account(query.token);
    const key = await this.faceIdentity.start(field(query, body, 'name'), field(query, body, 'id_card_number'), account, address);
    return ecOk({ user_id_key: key.userIdKey, expires_in: key.expiresIn });
  }

  @Get('user-id-key')
  @ApiOperation({ summary: 'Step 1, as a GET with the fields in the query string' })
  @ApiQuery({ name: 'name', example: START_FIELDS.example.name })
  @ApiQuery({ name: 'id_card_number', example: START_FIELDS.example.id_card_number })
  @ApiOkResponse({ schema: { type: 'object', additionalProperties: true, example: { ec: 200, em: '', user_id_key: 'uik-5f3c...', expires_in: 7200 } } })
  userIdKeyGet(@Query() query: Fields, @Ip() address: string) {
    return this.userIdKey(query, undefined, address);
  }

  @Post('verify')
  @HttpCode(200)
  @ApiOperation({
    summary: "Step 2: whether the face WeChat checked (verify_result) is that name and ID number's",
    description: `passed is true only when WeChat's call and face check succeeded (errcode 0, identify_ret 0) and its name and ID number hashes match what step 1 submitted; otherwise reason says why. Asking again answers the same. ${ERRORS}`,
  })
  @ApiQuery({ name: 'token', required: false })
  @ApiBody({ schema: VERIFY_FIELDS })
  @ApiOkResponse({ schema: { type: 'object', additionalProperties: true, example: { ec: 200, em: '', passed: true, reason: '', real_name: 'created' } } })
  async verify(@Query() query: Fields, @Body() body: unknown, @Ip() address: string) {
    const account = await this.account(query.token);
    const outcome = await this.faceIdentity.verify(field(query, body, 'verify_result'), account, address);
    return ecOk({ passed: outcome.passed, reason: outcome.reason, ...(outcome.realName ? { real_name: outcome.realName } : {}) });
  }

  @Get('verify')
  @ApiOperation({ summary: 'Step 2, as a GET with verify_result in the query string' })
  @ApiQuery({ name: 'verify_result', example: VERIFY_FIELDS.example.verify_result })
  @ApiOkResponse({ schema: { type: 'object', additionalProperties: true, example: { ec: 200, em: '', passed: false, reason: '人脸核身未通过 (identify_ret 90012)' } } })
  verifyGet(@Query() query: Fields, @Ip() address: string) {
    return this.verify(query, undefined, address);
  }

  /** The optional hotel token, refused in this protocol's terms when wrong. */
  private async account(token: unknown): Promise<HotelAccount | null> {
    try {
      return await this.session.optionalAccount(token);
    } catch (error) {
      if (error instanceof HotelStatusError) throw new EcError(EC_UNAUTHENTICATED, `登录已失效: ${error.message}`);
      throw error;
    }
  }
}
