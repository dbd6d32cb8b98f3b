import { Controller, HttpCode, Post } from '@nestjs/common';
import { BackOffice } from '../common/auth/back-office.decorator';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentPrincipal } from '../common/auth/authenticated.decorator';
import { Principal } from '../common/auth/principal';
import { TokenService } from '../common/auth/token.service';
import { FormParams } from '../common/protocols/result-code/form-params.decorator';
import { resultOk } from '../common/protocols/result-code/result-code';
import { ApiResultEnvelope } from '../common/protocols/result-code/result-code.swagger';
import { TokenParams } from '../common/protocols/result-code/token.params';
import { AccessTokenDto } from '../common/protocols/result-code/access-token.dto';
import { WxLoginParams } from './dto/wx-login.params';
import { WechatLoginService } from './wechat-login.service';
import { Audited } from '../common/audit/audited.decorator';

@ApiTags('SkyFaceRegister: face registration')
@Controller('SkyFaceRegister')
@Audited()
@BackOffice('own-account')
export class WechatLoginController {
  constructor(
    private readonly login: WechatLoginService,
    private readonly tokens: TokenService,
  ) {}

  @Post('wxlogin.do')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Mini-program login (also wxLogin.do)',
    description: 'WeChat refusing the code answers -6; encryptedData that does not decrypt or verify answers -7.',
  })
  @ApiResultEnvelope(AccessTokenDto, WxLoginParams)
  async wxLogin(@FormParams() params: WxLoginParams) {
    const { accessToken } = await this.login.login(params);
    return resultOk({ accessToken });
  }

  @Post('logout.do')
  @HttpCode(200)
  @Authenticated()
  @ApiOperation({ summary: 'End the session of any token (mini-program or PC); the token stops working at once' })
  @ApiResultEnvelope('empty-object', TokenParams)
  async logout(@FormParams() _params: TokenParams, @CurrentPrincipal() principal: Principal) {
    await this.tokens.revoke(principal);
    return resultOk({});
  }
}
