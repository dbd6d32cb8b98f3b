import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQueryDto } from '../paging/page-query.dto';

export class AuditQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'the administrator, exactly', example: 'admin' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  actor?: string;

  @ApiPropertyOptional({ description: 'part of the action', example: 'registrations' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  action?: string;

  @ApiPropertyOptional({ description: 'from this time (ISO 8601)', example: '2026-11-29T00:00:00Z' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  from?: Date;

  @ApiPropertyOptional({ description: 'up to this time (ISO 8601)' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  to?: Date;
}

export class AuditEntryDto {
  @ApiProperty({ example: 41 }) id: number;
  @ApiProperty({ example: '2026-11-29T08:02:11.000Z' }) at: string;
  @ApiProperty({ example: 'admin' }) actor: string;
  @ApiProperty({ example: 'DELETE /api/admin/registrations/:id' }) action: string;
  @ApiProperty({ example: 'id=12', nullable: true, type: String }) target: string | null;
  @ApiProperty({ example: 'ok' }) outcome: string;
  @ApiProperty({ example: '10.0.0.8' }) address: string;
}

export class AuditPageDto {
  @ApiProperty({ type: [AuditEntryDto] }) items: AuditEntryDto[];
  @ApiProperty({ example: 1 }) page: number;
  @ApiProperty({ example: 20 }) size: number;
  @ApiProperty({ example: 1 }) total: number;
}
