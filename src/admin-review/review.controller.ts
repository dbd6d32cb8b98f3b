import { Controller, HttpCode, Post } from '@nestjs/common';
import { BackOffice } from '../common/auth/back-office.decorator';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentPrincipal } from '../common/auth/authenticated.decorator';
import { Principal } from '../common/auth/principal';
import { InvalidInputError } from '../common/errors/domain-errors';
import { FormParams } from '../common/protocols/result-code/form-params.decorator';
import { RESULT_MESSAGES, ResultCode, resultOk } from '../common/protocols/result-code/result-code';
import { ApiResultEnvelope } from '../common/protocols/result-code/result-code.swagger';
import { FaceRegistrationState } from '../face-registry/face-registration-state';
import { FaceReviewService } from '../face-registry/face-review.service';
import { ApproveParams, MAX_IDS } from './dto/approve.params';
import { Audited } from '../common/audit/audited.decorator';

const TARGET_STATE: Record<number, FaceRegistrationState> = {
  0: FaceRegistrationState.Rejected,
  1: FaceRegistrationState.Approved,
  2: FaceRegistrationState.Processed,
};

@ApiTags('SkyFaceRegister: face registration')
@Controller('SkyFaceRegister')
@Audited()
@BackOffice('people')
export class ReviewController {
  constructor(private readonly review: FaceReviewService) {}

  @Post('approve.do')
  @HttpCode(200)
  @Authenticated('admin')
  @ApiOperation({
    summary: 'Review registrations (administrator token)',
    description:
      'isPass 0 rejects (state 3), 1 approves (state 1), 2 marks processed (state 2, only from approved). ' +
      'A processed registration never changes. -9 when no listed registration could change.',
  })
  @ApiResultEnvelope('empty-string', ApproveParams)
  async approve(@FormParams() params: ApproveParams, @CurrentPrincipal() principal: Principal) {
    const ids = params.ids.split(',').map((id) => Number(id.trim()));
    if (ids.length > MAX_IDS) throw new InvalidInputError(`at most ${MAX_IDS} ids per call`);
    const outcome = await this.review.review(ids, TARGET_STATE[params.isPass], principal.displayName ?? principal.subject);
    const requested = new Set(ids).size;
    const message =
      outcome.changed.length === requested
        ? RESULT_MESSAGES[ResultCode.Ok]
        : `${RESULT_MESSAGES[ResultCode.Ok]}: ${outcome.changed.length} of ${requested} changed`;
    return resultOk('', message);
  }
}
