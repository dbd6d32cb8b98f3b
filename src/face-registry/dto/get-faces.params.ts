import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { FormInteger, FormText } from '../../common/protocols/result-code/form-transforms';
import { TokenParams } from '../../common/protocols/result-code/token.params';

export const DEFAULT_PAGE_SIZE = 20;
/** Larger requests are served this many rows; the answer's pageSize says so. */
export const MAX_PAGE_SIZE = 1000;

export class GetFacesParams extends TokenParams {
  @ApiPropertyOptional({ enum: [-1, 0, 1, 2, 3], default: -1, description: '0 pending, 1 approved, 2 processed, 3 rejected, -1 all' })
  @FormInteger()
  @IsOptional()
  @IsInt()
  @IsIn([-1, 0, 1, 2, 3])
  state?: number;

  @ApiPropertyOptional({ description: 'substring of the name or the phone number', maxLength: 50 })
  @FormText()
  @IsOptional()
  @IsString()
  @MaxLength(50)
  fields?: string;

  @ApiPropertyOptional({ default: DEFAULT_PAGE_SIZE, maximum: MAX_PAGE_SIZE })
  @FormInteger()
  @IsOptional()
  @IsInt()
  @Min(1)
  pageSize?: number;

  @ApiPropertyOptional({ default: 1, description: 'page number, from 1 (currentPage is accepted too)' })
  @FormInteger()
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  pageNum?: number;

  @ApiPropertyOptional({ description: 'alias of pageNum' })
  @FormInteger()
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  currentPage?: number;
}
