import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, IsString, Matches } from 'class-validator';
import { FormInteger, FormText } from '../../common/protocols/result-code/form-transforms';
import { TokenParams } from '../../common/protocols/result-code/token.params';

/** At most this many ids per call (SQL Server takes at most 2100 parameters). */
export const MAX_IDS = 1000;

export class ApproveParams extends TokenParams {
  @ApiProperty({ description: `registration ids separated by commas (at most ${MAX_IDS})`, example: '12,13' })
  @FormText()
  @IsString()
  @Matches(/^\d{1,9}(\s*,\s*\d{1,9})*$/, { message: 'ids must be registration ids separated by commas' })
  ids: string;

  @ApiProperty({ enum: [0, 1, 2], description: '0 reject (state 3), 1 approve (state 1), 2 processed (state 2)' })
  @FormInteger()
  @IsInt({ message: 'isPass must be 0, 1 or 2' })
  @IsIn([0, 1, 2], { message: 'isPass must be 0, 1 or 2' })
  isPass: number;
}
