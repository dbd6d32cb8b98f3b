import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { BackOffice } from '../../common/auth/back-office.decorator';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '../../common/auth/authenticated.decorator';
import { PageQueryDto } from '../../common/paging/page-query.dto';
import { TerminalDto, TerminalPageDto } from './dto/terminal.dto';
import { CreateTerminalDto, UpdateTerminalDto } from './dto/terminal-input.dto';
import { TerminalRegistry } from './terminal-registry.service';
import { TerminalViewService } from './terminal-view.service';
import { Audited } from '../../common/audit/audited.decorator';
import { RowIdPipe } from '../../common/validation/row-id.pipe';

@ApiTags('admin: door terminals')
@Controller('api/admin/devices')
@Audited()
@BackOffice('doors')
@Authenticated('admin')
export class TerminalsController {
  constructor(
    private readonly registry: TerminalRegistry,
    private readonly views: TerminalViewService,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Register a door terminal',
    description:
      'FaceGate then reads its identity (/api/device/information), opens its record link, and provisions every current access grant onto it.',
  })
  @ApiCreatedResponse({ type: TerminalDto })
  async create(@Body() body: CreateTerminalDto): Promise<TerminalDto> {
    const terminal = await this.registry.create({
      name: body.name,
      host: body.host,
      port: body.port ?? 8899,
      wsPort: body.wsPort ?? 9000,
      password: body.password ?? '123456',
      enabled: body.enabled ?? true,
      provisioning: body.provisioning ?? true,
    });
    return this.views.one(terminal);
  }

  @Get()
  @ApiOperation({ summary: 'List terminals with their live status' })
  @ApiOkResponse({ type: TerminalPageDto })
  async list(@Query() query: PageQueryDto): Promise<TerminalPageDto> {
    return this.views.page(await this.registry.page(query.toPageRequest()));
  }

  @Get(':id')
  @ApiOperation({ summary: 'One terminal with its live status' })
  @ApiOkResponse({ type: TerminalDto })
  async get(@Param('id', RowIdPipe) id: number): Promise<TerminalDto> {
    return this.views.one(await this.registry.get(id));
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a terminal (address, password, name); enabled=false disables it' })
  @ApiOkResponse({ type: TerminalDto })
  async update(@Param('id', RowIdPipe) id: number, @Body() body: UpdateTerminalDto): Promise<TerminalDto> {
    return this.views.one(await this.registry.update(id, body));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Forget a terminal (the people on it stay on it)' })
  @ApiNoContentResponse()
  async remove(@Param('id', RowIdPipe) id: number): Promise<void> {
    await this.registry.remove(id);
  }
}
