import { Body, Controller, Delete, Get, HttpCode, Ip, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentPrincipal } from '../../common/auth/authenticated.decorator';
import { BackOffice } from '../../common/auth/back-office.decorator';
import { Principal } from '../../common/auth/principal';
import { writableAreas } from '../../common/auth/staff-role';
import { NotAuthenticatedError } from '../../common/errors/domain-errors';
import { AdminAccountService } from '../admin-account.service';
import { NewStaffAccountDto, OwnPasswordDto, StaffAccountChangeDto, StaffAccountDto, StaffAccountPageDto, StaffAccountQueryDto, WhoAmIDto } from './staff-account.dto';
import { StaffAccounts } from './staff-accounts.service';
import { Audited } from '../../common/audit/audited.decorator';
import { RowIdPipe } from '../../common/validation/row-id.pipe';

@ApiTags('admin: accounts and roles')
@Controller('api/admin/accounts')
@Authenticated('admin')
@Audited()
@BackOffice('accounts')
export class StaffAccountsController {
  constructor(
    private readonly accounts: StaffAccounts,
    private readonly own: AdminAccountService,
  ) {}

  @Get('me')
  @BackOffice('own-account')
  @ApiOperation({ summary: 'The account of the token: name, role and what the role may change' })
  @ApiOkResponse({ type: WhoAmIDto })
  me(@CurrentPrincipal() principal: Principal): WhoAmIDto {
    if (!principal.staffRole) throw new NotAuthenticatedError('this token has no back-office role: log in again');
    return { id: Number(principal.subject), username: principal.displayName ?? principal.subject, role: principal.staffRole, writable: writableAreas(principal.staffRole) };
  }

  @Put('me/password')
  @HttpCode(204)
  @BackOffice('own-account')
  @ApiOperation({ summary: 'Change your own password; your other sessions end' })
  @ApiNoContentResponse()
  async changeOwnPassword(@Body() body: OwnPasswordDto, @CurrentPrincipal() principal: Principal, @Ip() address: string): Promise<void> {
    await this.own.changePassword(principal, body.oldPassword, body.newPassword, address);
  }

  @Get()
  @ApiOperation({ summary: 'Back-office accounts (administrators only)' })
  @ApiOkResponse({ type: StaffAccountPageDto })
  async list(@Query() query: StaffAccountQueryDto): Promise<StaffAccountPageDto> {
    const page = await this.accounts.page(query.q, query.toPageRequest());
    return { ...page, items: page.items.map(StaffAccountDto.of) };
  }

  @Post()
  @ApiOperation({ summary: 'Create an account with a role: admin, reviewer, operator or auditor' })
  @ApiOkResponse({ type: StaffAccountDto })
  async create(@Body() body: NewStaffAccountDto, @CurrentPrincipal() principal: Principal): Promise<StaffAccountDto> {
    return StaffAccountDto.of(await this.accounts.create(body.username, body.password, body.role, principal));
  }

  @Patch(':id')
  @ApiOperation({
    summary: "Change an account's role or reset its password",
    description: "Either change ends the account's sessions. The last administrator cannot be demoted.",
  })
  @ApiOkResponse({ type: StaffAccountDto })
  async change(@Param('id', RowIdPipe) id: number, @Body() body: StaffAccountChangeDto, @CurrentPrincipal() principal: Principal): Promise<StaffAccountDto> {
    return StaffAccountDto.of(await this.accounts.change(id, body, principal));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove an account; its sessions end. Not your own, not the last administrator.' })
  @ApiNoContentResponse()
  async remove(@Param('id', RowIdPipe) id: number, @CurrentPrincipal() principal: Principal): Promise<void> {
    await this.accounts.remove(id, principal);
  }
}
