import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { BackOffice } from '../../common/auth/back-office.decorator';
import { ApiBadGatewayResponse, ApiBody, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '../../common/auth/authenticated.decorator';
import { InvalidInputError } from '../../common/errors/domain-errors';
import { DeviceObject, SignObject, TerminalPage, TerminalSettings, UserObject } from '../terminal-api/terminal-api.types';
import { TerminalSettingsKind } from '../terminal-api/terminal-http.client';
import { OpenDoorDto, TerminalRecordsQueryDto, TerminalUsersQueryDto } from './dto/terminal-operations.dto';
import { TerminalOperations } from './terminal-operations.service';
import { Audited } from '../../common/audit/audited.decorator';
import { RowIdPipe } from '../../common/validation/row-id.pipe';

/** A Map, so that a name such as `__proto__` finds nothing. */
const SETTINGS = new Map<string, TerminalSettingsKind>([
  ['network', 'network'],
  ['smart-face', 'smartFace'],
  ['peripheral', 'peripheral'],
]);

function settingsKind(name: string): TerminalSettingsKind {
  const kind = SETTINGS.get(name);
  if (!kind) throw new InvalidInputError(`settings must be one of ${[...SETTINGS.keys()].join(', ')}`);
  return kind;
}

function objectBody(body: unknown): TerminalSettings {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new InvalidInputError('the body must be a JSON object');
  return body as TerminalSettings;
}

@ApiTags('admin: door terminals')
@ApiBadGatewayResponse({ description: 'the terminal could not be reached or refused (problem+json, terminalCode in errors)' })
@Controller('api/admin/devices/:id')
@Audited()
@BackOffice('doors')
@Authenticated('admin')
export class TerminalOperationsController {
  constructor(private readonly operations: TerminalOperations) {}

  @Post('door/open')
  @HttpCode(204)
  @ApiOperation({ summary: 'Open the door now (8.1.7)' })
  @ApiNoContentResponse()
  openDoor(@Param('id', RowIdPipe) id: number, @Body() body: OpenDoorDto): Promise<void> {
    return this.operations.openDoor(id, body.remark);
  }

  @Post('time/sync')
  @HttpCode(204)
  @ApiOperation({ summary: "Set the terminal's clock to the server's (8.1.8)" })
  @ApiNoContentResponse()
  syncTime(@Param('id', RowIdPipe) id: number): Promise<void> {
    return this.operations.syncTime(id);
  }

  @Post('reboot')
  @HttpCode(204)
  @ApiOperation({ summary: 'Reboot the terminal (8.1.9)' })
  @ApiNoContentResponse()
  reboot(@Param('id', RowIdPipe) id: number): Promise<void> {
    return this.operations.reboot(id);
  }

  @Get('information')
  @ApiOperation({ summary: 'The DeviceObject the terminal reports now (8.1.11)' })
  @ApiOkResponse({ schema: { example: { deviceID: 'DC2023A0001', deviceName: 'Gate 1', appVer: '2.3.1', webVer: '1.0.9', deviceMoel: 'DC-F8' } } })
  information(@Param('id', RowIdPipe) id: number): Promise<DeviceObject> {
    return this.operations.information(id);
  }

  @Get('settings/:kind')
  @ApiOperation({ summary: 'Network (8.1.12), smart-face (8.1.14) or peripheral (8.1.16) parameters' })
  @ApiParam({ name: 'kind', enum: [...SETTINGS.keys()] })
  @ApiOkResponse({ schema: { example: { faceEnable: 1, faceCmpEnable: 1, faceThre: 6 } } })
  settings(@Param('id', RowIdPipe) id: number, @Param('kind') kind: string): Promise<TerminalSettings> {
    return this.operations.settings(id, settingsKind(kind));
  }

  @Put('settings/:kind')
  @HttpCode(204)
  @ApiOperation({ summary: 'Change network (8.1.13), smart-face (8.1.15) or peripheral (8.1.17) parameters', description: 'The body is passed to the terminal as it is.' })
  @ApiParam({ name: 'kind', enum: [...SETTINGS.keys()] })
  @ApiBody({ schema: { type: 'object', additionalProperties: true, example: { faceThre: 7 } } })
  @ApiNoContentResponse()
  changeSettings(@Param('id', RowIdPipe) id: number, @Param('kind') kind: string, @Body() body: unknown): Promise<void> {
    return this.operations.changeSettings(id, settingsKind(kind), objectBody(body));
  }

  @Post('json-command')
  @ApiOperation({ summary: 'Send a raw JSON command (8.1.10); answers the terminal\'s "json"' })
  @ApiBody({ schema: { type: 'object', additionalProperties: true, example: { cmd: 'getVolume' } } })
  @ApiOkResponse({ schema: { example: { json: { volume: 8 } } } })
  async jsonCommand(@Param('id', RowIdPipe) id: number, @Body() body: unknown): Promise<{ json: unknown }> {
    return { json: await this.operations.jsonCommand(id, objectBody(body)) };
  }

  @Get('users')
  @ApiOperation({ summary: "The terminal's own user list (8.2.5), at most 10 a page" })
  users(@Param('id', RowIdPipe) id: number, @Query() query: TerminalUsersQueryDto): Promise<TerminalPage<UserObject>> {
    return this.operations.users(id, query);
  }

  @Get('records')
  @ApiOperation({ summary: "The terminal's own recognition records (8.3.2); captured faces only with withAvatars=true" })
  async records(@Param('id', RowIdPipe) id: number, @Query() query: TerminalRecordsQueryDto): Promise<TerminalPage<SignObject>> {
    const { withAvatars, ...filter } = query;
    const page = await this.operations.records(id, filter);
    return withAvatars === 'true' ? page : { ...page, data: page.data.map(({ signAvatar: _avatar, ...record }) => record as SignObject) };
  }
}
