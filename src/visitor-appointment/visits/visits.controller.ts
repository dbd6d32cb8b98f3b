import { Body, Controller, HttpCode, Param, Post, Put, Query, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { codeOk } from '../../common/protocols/code-err-msg/code-err-msg';
import { ApiCodeEnvelope } from '../../common/protocols/code-err-msg/code-err-msg.swagger';
import { VisitorAddressLimitGuard } from '../limits/visitor-address-limit.guard';
import { VisitorLimits } from '../limits/visitor-limits';
import { ApplicationDto, AuthoriseQuery, CreateApplicationBody } from './dto/application.dto';
import { VisitApplicationService } from './visit-application.service';
import { VisitPresenter } from './visit-presenter';
import { RowIdPipe } from '../../common/validation/row-id.pipe';

@ApiTags('v1: visitor H5 (applications)')
@Controller('v1')
@UseGuards(VisitorAddressLimitGuard)
export class VisitsController {
  constructor(
    private readonly applications: VisitApplicationService,
    private readonly presenter: VisitPresenter,
    private readonly limits: VisitorLimits,
  ) {}

  @Post('subject')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Apply for a visit (visitor) or invite a visitor (employee)',
    description:
      'Anyone may apply; when weixinUserId is given and bound, the proposer must be its phone. The interviewee must be an ' +
      'employee of the directory (name and phone). An employee inviting (proposer = interviewee_phone, bound as that employee) is ' +
      'authorised at once; otherwise the interviewee is asked to authorise. Each person gets a subject_id.',
  })
  @ApiCodeEnvelope(ApplicationDto)
  async create(@Body() body: CreateApplicationBody) {
    await this.limits.targets({ phone: body.proposer, wechat: body.weixinUserId });
    return codeOk(this.presenter.application(await this.applications.create(body)));
  }

  @Put('auth/:id')
  @ApiOperation({
    summary: 'The interviewee authorises an application',
    description:
      'As V1.0.6: the id is enough. A weixinUserId (query string or JSON body), when sent, must be bound to the employee being visited ' +
      '(403 otherwise); with VISITOR_AUTH_REQUIRE_WEIXIN_ID it is required (400 without). Authorising again changes nothing and answers 0.',
  })
  @ApiCodeEnvelope()
  async authorise(@Param('id', RowIdPipe) id: number, @Query() query: AuthoriseQuery, @Body() body: AuthoriseQuery) {
    const weixinUserId = AuthoriseQuery.from(query, body);
    await this.limits.targets({ application: id, wechat: weixinUserId });
    await this.applications.authorise(id, weixinUserId);
    return codeOk();
  }
}
