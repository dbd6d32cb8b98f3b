import { Body, Controller, Get, Put } from '@nestjs/common';
import { BackOffice } from '../../common/auth/back-office.decorator';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '../../common/auth/authenticated.decorator';
import { codeOk } from '../../common/protocols/code-err-msg/code-err-msg';
import { ApiCodeEnvelope } from '../../common/protocols/code-err-msg/code-err-msg.swagger';
import { ServerSettingsDto, TemplateSettingsDto } from './dto/settings.dto';
import { VisitorSettingsService } from './visitor-settings.service';

@ApiTags('v1: visitor back office (settings)')
@Controller('v1/config')
@BackOffice('visitors')
@Authenticated('admin')
export class SettingsController {
  constructor(private readonly settings: VisitorSettingsService) {}

  @Get('servers')
  @ApiOperation({ summary: 'Server settings (the Koala host and the cloud URL)', description: 'koala_password is returned, as the back office needs it, but never logged.' })
  @ApiCodeEnvelope(ServerSettingsDto)
  async servers() {
    return codeOk(await this.settings.servers());
  }

  @Put('servers')
  @ApiOperation({ summary: 'Change the server settings', description: 'All four fields are required; koala_password is stored encrypted.' })
  @ApiCodeEnvelope(ServerSettingsDto)
  async saveServers(@Body() body: ServerSettingsDto) {
    return codeOk(await this.settings.saveServers(body));
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
