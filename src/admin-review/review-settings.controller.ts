import { Body, Controller, Get, Put } from '@nestjs/common';
import { BackOffice } from '../common/auth/back-office.decorator';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentPrincipal } from '../common/auth/authenticated.decorator';
import { Principal } from '../common/auth/principal';
import { RegistrationPolicy } from '../face-registry/registration-policy.entity';
import { RegistrationPolicyService } from '../face-registry/registration-policy.service';
import { ReviewSettingDto, UpdateReviewSettingDto } from './dto/review-setting.dto';
import { Audited } from '../common/audit/audited.decorator';

function toDto(policy: RegistrationPolicy): ReviewSettingDto {
  return { reviewRequired: policy.reviewRequired, updatedAt: policy.updatedAt.toISOString(), updatedBy: policy.updatedBy };
}

@ApiTags('admin: settings')
@Controller('api/admin/settings')
@Audited()
@BackOffice('people')
@Authenticated('admin')
export class ReviewSettingsController {
  constructor(private readonly policy: RegistrationPolicyService) {}

  @Get('review')
  @ApiOperation({ summary: 'Whether new face registrations need review (Face_System.State)' })
  @ApiOkResponse({ type: ReviewSettingDto })
  async get(): Promise<ReviewSettingDto> {
    return toDto(await this.policy.get());
  }

  @Put('review')
  @ApiOperation({ summary: 'Switch review of new registrations on or off (registrations already submitted keep their state)' })
  @ApiOkResponse({ type: ReviewSettingDto })
  async set(@Body() body: UpdateReviewSettingDto, @CurrentPrincipal() principal: Principal): Promise<ReviewSettingDto> {
    return toDto(await this.policy.setReviewRequired(body.reviewRequired, principal.displayName ?? principal.subject));
  }
}
