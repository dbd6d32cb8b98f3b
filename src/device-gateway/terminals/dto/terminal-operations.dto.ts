import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export class OpenDoorDto {
  @ApiPropertyOptional({ example: 'opened by the front desk', maxLength: 255 })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  remark?: string;
}

/** Filters of the terminal's own user list (8.2.5); it serves at most 10 a page. */
export class TerminalUsersQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(40) userId?: string;
  @ApiPropertyOptional({ enum: [1, 2, 3, -1] }) @IsOptional() @Type(() => Number) @IsInt() @IsIn([1, 2, 3, -1]) type?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(80) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(20) mobile?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(40) icNumber?: string;
  @ApiPropertyOptional({ default: 1 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) page?: number;
  @ApiPropertyOptional({ default: 10, maximum: 10 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(10) size?: number;
}

/** Filters of the terminal's own records (8.3.2). */
export class TerminalRecordsQueryDto {
  @ApiPropertyOptional({ enum: [0, 1, 2, 3, -1], description: '0 all' }) @IsOptional() @Type(() => Number) @IsInt() @IsIn([0, 1, 2, 3, -1]) type?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(40) userId?: string;
  @ApiPropertyOptional({ description: 'Unix seconds; the terminal defaults to today' }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) startTime?: number;
  @ApiPropertyOptional({ description: 'Unix seconds' }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) endTime?: number;
  @ApiPropertyOptional({ default: 1 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) page?: number;
  @ApiPropertyOptional({ default: 20, maximum: 1000 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000) size?: number;
  @ApiPropertyOptional({ default: false, description: 'include the captured faces (base64)' })
  @IsOptional()
  @Type(() => String)
  @IsIn(['true', 'false'])
  withAvatars?: 'true' | 'false';
}
