import { Controller, Delete, Get, HttpCode, Param, Query } from '@nestjs/common';
import { BackOffice } from '../common/auth/back-office.decorator';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentPrincipal } from '../common/auth/authenticated.decorator';
import { AuditedRead } from '../common/audit/audit-read.decorator';
import { Principal } from '../common/auth/principal';
import { FacePhotoService } from '../face-registry/face-photo.service';
import { FaceRegistrationQuery } from '../face-registry/face-registration.query';
import { FaceRegistrationService } from '../face-registry/face-registration.service';
import { ANY_STATE } from '../face-registry/face-registration-state';
import { FaceRegistration } from '../face-registry/face-registration.entity';
import { personIdOf } from '../face-registry/registration-events';
import { FaceDuplicates, PossibleDuplicate } from '../face-registry/search/face-duplicates.service';
import { RegistrationDto, RegistrationPageDto, RegistrationQueryDto } from './dto/registration.dto';
import { Audited } from '../common/audit/audited.decorator';
import { RowIdPipe } from '../common/validation/row-id.pipe';

@ApiTags('admin: face registrations')
@Controller('api/admin/registrations')
@Audited()
@BackOffice('people')
@Authenticated('admin')
export class RegistrationsController {
  constructor(
    private readonly query: FaceRegistrationQuery,
    private readonly registrations: FaceRegistrationService,
    private readonly photos: FacePhotoService,
    private readonly duplicates: FaceDuplicates,
  ) {}

  @Get()
  @AuditedRead('face photos')
  @ApiOperation({
    summary: 'The review queue: registrations newest first, each with its possible duplicates',
    description: 'Filters as getfaces.do (state, fields); a pending registration whose face matches another person names them in possibleDuplicates.',
  })
  @ApiOkResponse({ type: RegistrationPageDto })
  async list(@Query() query: RegistrationQueryDto): Promise<RegistrationPageDto> {
    const page = await this.query.page({ state: query.state ?? ANY_STATE, text: query.fields }, query.toPageRequest());
    const duplicates = await this.duplicates.of(page.items);
    return { items: page.items.map((r) => this.toDto(r, duplicates.get(r.id) ?? null)), page: page.page, size: page.size, total: page.total };
  }

  @Get(':id')
  @AuditedRead('face photo')
  @ApiOperation({ summary: 'One registration, with what the terminals made of it and its possible duplicates' })
  @ApiOkResponse({ type: RegistrationDto })
  async get(@Param('id', RowIdPipe) id: number): Promise<RegistrationDto> {
    const registration = await this.query.byId(id);
    return this.toDto(registration, (await this.duplicates.of([registration])).get(id) ?? null);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Delete a registration and its photo',
    description: 'The person is taken off every terminal. This is the way to revoke a processed registration, which approve.do never changes.',
  })
  @ApiNoContentResponse()
  async remove(@Param('id', RowIdPipe) id: number, @CurrentPrincipal() principal: Principal): Promise<void> {
    await this.registrations.delete(id, principal.displayName ?? principal.subject);
  }

  private toDto(r: FaceRegistration, possibleDuplicates: PossibleDuplicate[] | null): RegistrationDto {
    return {
      id: r.id,
      personId: personIdOf(r.id),
      name: r.name,
      telNo: r.telNo,
      cardNo: r.cardNo,
      state: r.state,
      applyTime: r.applyTime.toISOString(),
      imgUrl: this.photos.url(r.photoKey),
      reviewedAt: r.reviewedAt?.toISOString() ?? null,
      reviewedBy: r.reviewedBy,
      provisioningError: r.provisioningError,
      possibleDuplicates,
    };
  }
}
