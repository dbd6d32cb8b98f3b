import { Controller, Delete, Get, HttpCode, Param, ParseIntPipe } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentPrincipal } from '../common/auth/authenticated.decorator';
import { Principal } from '../common/auth/principal';
import { FacePhotoService } from '../face-registry/face-photo.service';
import { FaceRegistrationQuery } from '../face-registry/face-registration.query';
import { FaceRegistrationService } from '../face-registry/face-registration.service';
import { RegistrationDto } from './dto/registration.dto';

@ApiTags('admin: face registrations')
@Controller('api/admin/registrations')
@Authenticated('admin')
export class RegistrationsController {
  constructor(
    private readonly query: FaceRegistrationQuery,
    private readonly registrations: FaceRegistrationService,
    private readonly photos: FacePhotoService,
  ) {}

  @Get(':id')
  @ApiOperation({ summary: 'One registration, with what the terminals made of it' })
  @ApiOkResponse({ type: RegistrationDto })
  async get(@Param('id', ParseIntPipe) id: number): Promise<RegistrationDto> {
    const r = await this.query.byId(id);
    return {
      id: r.id,
      name: r.name,
      telNo: r.telNo,
      cardNo: r.cardNo,
      state: r.state,
      applyTime: r.applyTime.toISOString(),
      imgUrl: this.photos.url(r.photoKey),
      reviewedAt: r.reviewedAt?.toISOString() ?? null,
      reviewedBy: r.reviewedBy,
      provisioningError: r.provisioningError,
    };
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Delete a registration and its photo',
    description: 'The person is taken off every terminal. This is the way to revoke a processed registration, which approve.do never changes.',
  })
  @ApiNoContentResponse()
  async remove(@Param('id', ParseIntPipe) id: number, @CurrentPrincipal() principal: Principal): Promise<void> {
    await this.registrations.delete(id, principal.displayName ?? principal.subject);
  }
}
