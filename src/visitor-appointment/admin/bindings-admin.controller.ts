import { Controller, Delete, Get, Param, Query } from '@nestjs/common';
import { BackOffice } from '../../common/auth/back-office.decorator';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentPrincipal } from '../../common/auth/authenticated.decorator';
import { Principal } from '../../common/auth/principal';
import { BindingService } from '../bindings/binding.service';
import { BindingDto, BindingPageDto, BindingQueryDto, RevocationDto } from './binding-admin.dto';
import { BindingRevocation } from './binding-revocation.service';
import { Audited } from '../../common/audit/audited.decorator';
import { RowIdPipe } from '../../common/validation/row-id.pipe';

/** An openid is personal data: the list shows enough of it to tell bindings apart. */
const shortened = (openId: string) => (openId.length > 8 ? `${openId.slice(0, 6)}…${openId.slice(-2)}` : `${openId.slice(0, 2)}…`);

@ApiTags('admin: WeChat bindings')
@Controller('api/admin/bindings')
@Audited()
@BackOffice('visitors')
@Authenticated('admin')
export class BindingsAdminController {
  constructor(
    private readonly bindings: BindingService,
    private readonly revocation: BindingRevocation,
  ) {}

  @Get()
  @ApiOperation({ summary: 'WeChat users bound as employees or visitors, newest first' })
  @ApiOkResponse({ type: BindingPageDto })
  async list(@Query() query: BindingQueryDto): Promise<BindingPageDto> {
    const page = await this.bindings.page({ kind: query.kind, phone: query.phone }, query.toPageRequest());
    return {
      ...page,
      items: page.items.map(({ binding, employeeName }): BindingDto => ({
        id: binding.id,
        kind: binding.kind,
        weixinUserId: shortened(binding.weixinUserId),
        phone: binding.phone,
        employeeId: binding.employeeId,
        employeeName,
        createdAt: binding.createdAt.toISOString(),
      })),
    };
  }

  @Delete(':id')
  @ApiOperation({
    summary: 'Revoke a binding',
    description: 'The WeChat user is unbound; visits this binding authorised (or invited) that have not begun (not signed in, not over) wait for authorisation again.',
  })
  @ApiOkResponse({ type: RevocationDto })
  async revoke(@Param('id', RowIdPipe) id: number, @CurrentPrincipal() principal: Principal): Promise<RevocationDto> {
    return { bindingId: id, unauthorisedVisits: await this.revocation.revoke(id, principal.displayName ?? principal.subject) };
  }
}
