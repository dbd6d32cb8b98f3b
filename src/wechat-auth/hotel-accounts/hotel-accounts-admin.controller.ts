import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { BackOffice } from '../../common/auth/back-office.decorator';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Authenticated } from '../../common/auth/authenticated.decorator';
import { NotFoundError } from '../../common/errors/domain-errors';
import { HotelAccountDto, HotelAccountPageDto, HotelAccountQueryDto, HotelRoleBody } from './dto/hotel-account-admin.dto';
import { HotelAccount } from './hotel-account.entity';
import { Audited } from '../../common/audit/audited.decorator';
import { HotelAccountWriter } from './hotel-account.writer';
import { HotelAccountQuery } from './hotel-account.query';

function toDto(a: HotelAccount): HotelAccountDto {
  return {
    id: a.id,
    username: a.username,
    nickname: a.nickname,
    email: a.email,
    role: a.role,
    hasPassword: a.passwordHash !== null,
    realNameBound: a.realNameId !== null,
    faceBound: a.faceBound,
    createdAt: a.createdAt.toISOString(),
  };
}

@ApiTags('admin: hotel accounts')
@Controller('api/admin/hotel-accounts')
@Audited()
@BackOffice('hotel')
@Authenticated('admin')
export class HotelAccountsAdminController {
  constructor(
    @InjectRepository(HotelAccount) private readonly accounts: Repository<HotelAccount>,
    private readonly writer: HotelAccountWriter,
    private readonly query: HotelAccountQuery,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Accounts of the hotel mini-program, newest first; search by phone or nickname' })
  @ApiOkResponse({ type: HotelAccountPageDto })
  async list(@Query() query: HotelAccountQueryDto): Promise<HotelAccountPageDto> {
    const request = query.toPageRequest();
    const [rows, total] = await this.query.page(query, request);
    return { items: rows.map(toDto), total, page: request.page, size: request.size };
  }

  @Put(':username/role')
  @ApiOperation({ summary: "Set an account's role: admin may call the hotel API's administrator operations" })
  @ApiOkResponse({ type: HotelAccountDto })
  async setRole(@Param('username') username: string, @Body() body: HotelRoleBody): Promise<HotelAccountDto> {
    const account = await this.accounts.findOneBy({ username });
    if (!account) throw new NotFoundError(`no hotel account ${username}`);
    await this.writer.change(account.id, { role: body.role });
    return toDto({ ...account, role: body.role });
  }
}
