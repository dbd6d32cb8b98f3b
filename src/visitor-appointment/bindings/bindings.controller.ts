import { Body, Controller, Delete, Get, HttpCode, Ip, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CODE_NOT_FOUND, codeError, codeOk } from '../../common/protocols/code-err-msg/code-err-msg';
import { ApiCodeEnvelope } from '../../common/protocols/code-err-msg/code-err-msg.swagger';
import { NotFoundError } from '../../common/errors/domain-errors';
import { VisitorAddressLimitGuard } from '../limits/visitor-address-limit.guard';
import { VisitorLimits } from '../limits/visitor-limits';
import { BindingService, BoundEmployee } from './binding.service';
import { BindingStatusDto, EmployeeBindingBody, EmployeeBindingDto, VisitorBindingBody, VisitorBindingDto, WeixinUserQuery } from './dto/binding.dto';
import { WechatBinding } from './wechat-binding.entity';

const UNBOUND = '没有该微信号绑定的用户';

function employeeDto({ employee, avatar }: BoundEmployee): EmployeeBindingDto {
  return { avatar, name: employee.name, department: employee.department, subject_id: employee.id, phone: employee.phone };
}

function visitorDto(binding: WechatBinding): VisitorBindingDto {
  return { nick: binding.nick ?? '', avatar: binding.avatarUrl ?? '', phone: binding.phone };
}

@ApiTags('v1: visitor H5 (bindings)')
@Controller('v1')
@UseGuards(VisitorAddressLimitGuard)
export class BindingsController {
  constructor(
    private readonly bindings: BindingService,
    private readonly limits: VisitorLimits,
  ) {}

  @Get('subject/binding')
  @ApiOperation({ summary: "An employee's WeChat binding", description: 'data is {} when this WeChat user is not bound as an employee.' })
  @ApiCodeEnvelope(EmployeeBindingDto)
  async employeeBinding(@Query() query: WeixinUserQuery) {
    await this.limits.targets({ wechat: query.weixinUserId });
    const bound = await this.bindings.employeeOf(query.weixinUserId);
    return codeOk(bound ? employeeDto(bound) : {});
  }

  @Post('subject/binding')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Bind a WeChat user to an employee',
    description:
      'name and phone must match an employee of the directory exactly (404 otherwise). Binding again replaces the binding, a visitor binding too. ' +
      'VISITOR_BINDINGS_PER_ADDRESS_PER_HOUR attempts per address, a failed one counting twice (429 beyond).',
  })
  @ApiCodeEnvelope(EmployeeBindingDto)
  async bindEmployee(@Body() body: EmployeeBindingBody, @Ip() address: string) {
    await this.limits.bindingAttempt(address);
    await this.limits.targets({ wechat: body.weixinUserId, phone: body.phone, employee: `${body.name}:${body.phone}` });
    try {
      return codeOk(employeeDto(await this.bindings.bindEmployee(body.weixinUserId, body.name, body.phone)));
    } catch (error) {
      if (error instanceof NotFoundError) await this.limits.bindingFailed(address);
      throw error;
    }
  }

  @Get('visitor/binding')
  @ApiOperation({ summary: "A visitor's WeChat binding", description: 'data is {} when this WeChat user is not bound as a visitor.' })
  @ApiCodeEnvelope(VisitorBindingDto)
  async visitorBinding(@Query() query: WeixinUserQuery) {
    await this.limits.targets({ wechat: query.weixinUserId });
    const binding = await this.bindings.find(query.weixinUserId);
    return codeOk(binding?.kind === 'visitor' ? visitorDto(binding) : {});
  }

  @Post('visitor/binding')
  @HttpCode(200)
  @ApiOperation({ summary: 'Bind a WeChat user as a visitor', description: 'Binding again replaces the binding, an employee binding too.' })
  @ApiCodeEnvelope(VisitorBindingDto)
  async bindVisitor(@Body() body: VisitorBindingBody) {
    await this.limits.targets({ wechat: body.weixinUserId, phone: body.phone });
    return codeOk(visitorDto(await this.bindings.bindVisitor(body)));
  }

  @Delete('subject/binding/:weixinUserId')
  @ApiOperation({ summary: 'Unbind a WeChat user (employee or visitor)', description: 'Idempotent: code 0 also when the user was not bound.' })
  @ApiCodeEnvelope()
  async unbind(@Param() params: WeixinUserQuery) {
    await this.limits.targets({ wechat: params.weixinUserId });
    await this.bindings.unbind(params.weixinUserId);
    return codeOk();
  }

  @Get('wechat/is_binding')
  @ApiOperation({ summary: 'Whether and as whom a WeChat user is bound', description: `404 "${UNBOUND}" when unbound.` })
  @ApiCodeEnvelope(BindingStatusDto)
  async isBinding(@Query() query: WeixinUserQuery) {
    await this.limits.targets({ wechat: query.weixinUserId });
    const binding = await this.bindings.find(query.weixinUserId);
    const status = binding && (await this.statusOf(binding));
    return status ? codeOk(status) : codeError(CODE_NOT_FOUND, UNBOUND);
  }

  private async statusOf(binding: WechatBinding): Promise<BindingStatusDto | null> {
    if (binding.kind === 'visitor') {
      return { type: 'visitor', name: binding.nick ?? '', department: '', subject_id: -1, avatar: binding.avatarUrl ?? '', phone: binding.phone };
    }
    const bound = await this.bindings.withEmployee(binding);
    return bound && { type: 'employee', ...employeeDto(bound) };
  }
}
