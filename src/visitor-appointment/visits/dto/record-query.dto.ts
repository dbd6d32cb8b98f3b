import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { PageQuery } from '../../../common/paging/page-query.dto';
import { IsMainlandMobile } from '../../../common/validation/mainland-mobile';
import { MAX_UNIX_SECONDS } from './application.dto';

/** The spec shows five records a page. */
export class RecordPageQuery extends PageQuery(5, 100) {}

export class VisitRecordQuery extends RecordPageQuery {
  @ApiPropertyOptional({
    enum: ['mobile', 'web'],
    description: 'mobile: the H5 pages (proposer required); web: the back office (admin Bearer token required). Older pages send only proposer: that is mobile.',
  })
  @IsOptional()
  @IsIn(['mobile', 'web'], { message: 'type must be "mobile" or "web"' })
  type?: 'mobile' | 'web';

  @ApiPropertyOptional({ description: "the applicant's phone; required for mobile", example: '13922222222' })
  @ValidateIf((q: VisitRecordQuery) => q.type === 'mobile' || q.proposer !== undefined)
  @IsNotEmpty({ message: 'proposer is required when type is mobile' })
  @IsMainlandMobile()
  proposer?: string;

  @ApiPropertyOptional({ description: "substring of the visitor's name", example: '张' })
  @IsOptional()
  @IsString()
  @MaxLength(80)
  name?: string;

  @ApiPropertyOptional({ description: "the visitor's phone", example: '13922222222' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  phone?: string;

  @ApiPropertyOptional({ description: "substring of the interviewee's name", example: '李' })
  @IsOptional()
  @IsString()
  @MaxLength(80)
  interviewee?: string;

  @ApiPropertyOptional({ example: '13811111111' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  interviewee_phone?: string;

  @ApiPropertyOptional({ description: 'visits starting at or after (Unix seconds)', example: 1796000000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_UNIX_SECONDS)
  start_time?: number;

  @ApiPropertyOptional({ description: 'visits ending at or before (Unix seconds)', example: 1796086400 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_UNIX_SECONDS)
  end_time?: number;

  @ApiPropertyOptional({ enum: [0, 1], description: '0 not authorised, 1 authorised' })
  @IsOptional()
  @Type(() => Number)
  @IsIn([0, 1], { message: 'is_auth must be 0 or 1' })
  is_auth?: number;
}

export class AuthRecordQuery extends RecordPageQuery {
  @ApiPropertyOptional({ description: "the interviewee's phone; may be left out only with an admin Bearer token", example: '13811111111' })
  @IsOptional()
  @IsString()
  @IsMainlandMobile()
  phone?: string;
}
