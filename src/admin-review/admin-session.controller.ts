import { Controller, HttpCode, Ip, Post } from '@nestjs/common';
import { BackOffice } from '../common/auth/back-office.decorator';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentPrincipal } from '../common/auth/authenticated.decorator';
import { AuditLog } from '../common/audit/audit-log.service';
import { Principal } from '../common/auth/principal';
import { FormParams } from '../common/protocols/result-code/form-params.decorator';
import { resultOk } from '../common/protocols/result-code/result-code';
import { ApiResultEnvelope } from '../common/protocols/result-code/result-code.swagger';
import { AccessTokenDto } from '../common/protocols/result-code/access-token.dto';
import { AdminAccountService } from './admin-account.service';
import { EditPasswordParams } from './dto/edit-password.params';
import { LoginParams } from './dto/login.params';
import { Audited } from '../common/audit/audited.decorator';

@ApiTags('SkyFaceRegister: face registration')
@Controller('SkyFaceRegister')
@Audited()
@BackOffice('own-account')
export class AdminSessionController {
  constructor(
    private readonly accounts: AdminAccountService,
    private readonly audit: AuditLog,
  ) {}

  @Post('login.do')
  @HttpCode(200)
  @ApiOperation({
    summary: 'PC / desktop-tool login',
    description: 'The token is valid for one hour; it also serves as the Bearer token of /api/admin.',
  })
  @ApiResultEnvelope(AccessTokenDto, LoginParams)
  async login(@FormParams() params: LoginParams, @Ip() address: string) {
    const entry = { actor: params.userName, action: 'login.do', address };
    try {
      const { accessToken } = await this.accounts.login(params.userName, params.password, address);
      await this.audit.record({ ...entry, outcome: 'ok' });
      return resultOk({ accessToken });
    } catch (error) {
      await this.audit.record({ ...entry, outcome: `refused: ${(error as Error).message}` });
      throw error;
    }
  }

  @Post('editPassword.do')
  @HttpCode(200)
  @Authenticated('admin')
  @ApiOperation({ summary: "Change the administrator's password; their other sessions end" })
  @ApiResultEnvelope('empty-object', EditPasswordParams)
  async editPassword(@FormParams() params: EditPasswordParams, @CurrentPrincipal() principal: Principal, @Ip() address: string) {
    await this.accounts.changePassword(principal, params.oldPassword, params.newPassword, address);
    return resultOk({});
  }
}
