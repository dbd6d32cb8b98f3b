import { Body, Controller, Get, Put } from '@nestjs/common';
import { BackOffice } from '../../common/auth/back-office.decorator';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentPrincipal } from '../../common/auth/authenticated.decorator';
import { Principal } from '../../common/auth/principal';
import { codeOk } from '../../common/protocols/code-err-msg/code-err-msg';
import { ApiCodeEnvelope } from '../../common/protocols/code-err-msg/code-err-msg.swagger';
import { ServerSettingsDto, TemplateSettingsDto } from './dto/settings.dto';
import { VisitorSettingsService } from './visitor-settings.service';
import { Audited } from '../../common/audit/audited.decorator';

/** Stored secrets are read by administrators only. */
function forRole(servers: ServerSettingsDto, principal: Principal): ServerSettingsDto {
  if (principal.staffRole === 'admin') return servers;
  const { koala_password: _secret, ...rest } = servers;
  return rest;
}

@ApiTags('v1: visitor back office (settings)')
@Controller('v1/config')
@Audited()
@BackOffice('visitors')
@Authenticated('admin')
export class SettingsController {
  constructor(private readonly settings: VisitorSettingsService) {}

  @Get('servers')
  @ApiOperation({
    summary: 'Server settings (the Koala host and the cloud URL)',
    description: 'koala_password is returned to administrators, as the back office needs it, and never logged; other roles get the settings without it.',
  })
  @ApiCodeEnvelope(ServerSettingsDto)
  async servers(@CurrentPrincipal() principal: Principal) {
    return codeOk(forRole(await this.settings.servers(), principal));
  }

  @Put('servers')
  @ApiOperation({ summary: 'Change the server settings', description: 'koala_ip, koala_username and cloud_url are required; koala_password is stored encrypted, and left out it stays as it is.' })
  @ApiCodeEnvelope(ServerSettingsDto)
  async saveServers(@Body() body: ServerSettingsDto, @CurrentPrincipal() principal: Principal) {
    return codeOk(forRole(await this.settings.saveServers(body), principal));
  }

  @Get('templates')
  @ApiOperation({ summary: 'WeChat and SMS template ids of the four visitor messages', description: 'An empty id means that message is not sent on that channel.' })
  @ApiCodeEnvelope(TemplateSettingsDto)
  async templates() {
    return codeOk(await this.settings.templates());
  }

  @Put('templates')
  @ApiOperation({ summary: 'Change the template ids', description: 'All eight fields are required (empty strings allowed).' })
  @ApiCodeEnvelope(TemplateSettingsDto)
  async saveTemplates(@Body() body: TemplateSettingsDto) {
    return codeOk(await this.settings.saveTemplates(body));
  }
}
