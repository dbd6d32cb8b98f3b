import { Body, Controller, Get, HttpCode, Ip, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { InvalidInputError } from '../../common/errors/domain-errors';
import { TerminalCallbacks } from './terminal-callbacks.service';

const OK = { ret: '0', desc: 'Success' };

function lastQueryTimeOf(value: string | undefined): number {
  if (value === undefined || value === '') return 0;
  if (!/^\d{1,13}$/.test(value)) throw new InvalidInputError('lastQueryTime must be a Unix time in seconds');
  const number = Number(value);
  return number > 1e11 ? Math.floor(number / 1000) : number;
}

@ApiTags('terminal callbacks (spec chapter 9)')
@Controller()
export class TerminalCallbacksController {
  constructor(private readonly callbacks: TerminalCallbacks) {}

  @Get('syrecord/:deviceId')
  @ApiOperation({ summary: '9.1 Face library changes since lastQueryTime (0: everything the terminal must hold)' })
  @ApiQuery({ name: 'lastQueryTime', required: false, example: 0 })
  @ApiOkResponse({
    schema: {
      example: {
        serviceResponse: {
          list: [{ operation: 'save', userId: 'FR12', userName: '张三', userType: '1', userRemark: 'FaceGate', userImageUrl: 'http://gate.example/files/faces/a.jpg', operateTime: 1763798400 }],
          lastQueryTime: 1763798460,
        },
      },
    },
  })
  async faceLibrary(@Param('deviceId') deviceId: string, @Ip() caller: string, @Query('lastQueryTime') lastQueryTime?: string) {
    const since = lastQueryTimeOf(lastQueryTime);
    const terminal = await this.callbacks.terminal(deviceId, caller);
    return { serviceResponse: await this.callbacks.faceLibrary(terminal, since) };
  }

  @Post('syface/:deviceId')
  @HttpCode(200)
  @ApiOperation({ summary: '9.2 A recognised face; answers whether to open the door' })
  @ApiBody({ schema: { example: { userId: 'FR12', userName: '张三', temperature: '36.5°C', mask: true, screenTime: 1763798400, similarity: 80, img: '<base64 jpeg>' } } })
  @ApiOkResponse({ schema: { example: { ret: '0', desc: 'Success', openDoor: 1, unlockDelay: 20 } } })
  async face(@Param('deviceId') deviceId: string, @Ip() caller: string, @Body() body: unknown) {
    const terminal = await this.callbacks.terminal(deviceId, caller);
    const open = await this.callbacks.face(terminal, body);
    return { ...OK, openDoor: open ? 1 : 0, unlockDelay: this.callbacks.unlockDelayMs };
  }

  @Post('syattribute/:deviceId')
  @HttpCode(200)
  @ApiOperation({ summary: '9.3 A measured temperature, wrapped in Info' })
  @ApiBody({ schema: { example: { Info: { deviceid: '0000001', uuid: 'SY001', temperature: '36.3', mask: true, nationCode: 'XXX社区', openCode: 100, openMsg: '开门成功', screenTime: 1763798400, img: '<base64 jpeg>' } } } })
  @ApiOkResponse({ schema: { example: OK } })
  async attribute(@Param('deviceId') deviceId: string, @Ip() caller: string, @Body() body: unknown) {
    await this.callbacks.attribute(await this.callbacks.terminal(deviceId, caller), body);
    return OK;
  }

  @Post('syresult/:deviceId')
  @HttpCode(200)
  @ApiOperation({ summary: '9.4 The outcome of a face library change, wrapped in resultList' })
  @ApiBody({ schema: { example: { resultList: { userID: 'FR12', status: '100', msg: '操作成功' } } } })
  @ApiOkResponse({ schema: { example: OK } })
  async result(@Param('deviceId') deviceId: string, @Ip() caller: string, @Body() body: unknown) {
    await this.callbacks.result(await this.callbacks.terminal(deviceId, caller), body);
    return OK;
  }

  @Post('syheartbeat/:deviceId')
  @HttpCode(200)
  @ApiOperation({ summary: '9.5 Heartbeat, wrapped in Heartinfo' })
  @ApiBody({ schema: { example: { Heartinfo: { deviceid: '0000001', ServerURL: 'http://192.168.1.5:3000' } } } })
  @ApiOkResponse({ schema: { example: OK } })
  async heartbeat(@Param('deviceId') deviceId: string, @Ip() caller: string, @Body() body: unknown) {
    await this.callbacks.heartbeat(await this.callbacks.terminal(deviceId, caller), body);
    return OK;
  }
}
