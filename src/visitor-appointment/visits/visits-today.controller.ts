import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '../../common/auth/authenticated.decorator';
import { BackOffice } from '../../common/auth/back-office.decorator';
import { Clock } from '../../common/clock/clock';
import { VisitorsToday, VisitStats } from './visit-stats.service';

class VisitorsTodayDto implements VisitorsToday {
  @ApiProperty({ example: '2026-12-03', description: "today on the site's calendar" }) date: string;
  @ApiProperty({ example: 4, description: 'authorised, not signed in yet, the visit not over (people, companions too)' }) expected: number;
  @ApiProperty({ example: 3, description: 'signed in, the visit not over' }) onSite: number;
  @ApiProperty({ example: 5, description: 'signed in, the visit over' }) gone: number;
  @ApiProperty({ example: 1, description: 'authorised, never signed in, the visit over' }) missed: number;
  @ApiProperty({ example: 2, description: 'applied for, waiting for the employee to authorise' }) awaitingAuthorisation: number;
}

@ApiTags('admin: visitors')
@Controller('api/admin/visits')
@BackOffice('visitors')
@Authenticated('admin')
export class VisitsTodayController {
  constructor(
    private readonly stats: VisitStats,
    private readonly clock: Clock,
  ) {}

  @Get('today')
  @ApiOperation({ summary: "Today's visitors: expected, on site, gone, missed, awaiting authorisation (people, companions included)" })
  @ApiOkResponse({ type: VisitorsTodayDto })
  today(): Promise<VisitorsTodayDto> {
    return this.stats.today(this.clock.now());
  }
}
