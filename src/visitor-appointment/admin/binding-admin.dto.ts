import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../common/paging/page-query.dto';
import { BindingKind } from '../bindings/wechat-binding.entity';

export class BindingQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['employee', 'visitor'] })
  @IsOptional()
  @IsIn(['employee', 'visitor'])
  kind?: BindingKind;

  @ApiPropertyOptional({ description: 'the bound phone, exactly', example: '13811111111' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  phone?: string;
}

export class BindingDto {
  @ApiProperty({ example: 7 }) id: number;
  @ApiProperty({ enum: ['employee', 'visitor'] }) kind: BindingKind;
  @ApiProperty({ example: 'oX3k9d…', description: 'the WeChat openid, shortened: enough to tell bindings apart' }) weixinUserId: string;
  @ApiProperty({ example: '13811111111' }) phone: string;
  @ApiProperty({ example: 3, nullable: true, type: Number }) employeeId: number | null;
  @ApiProperty({ example: '李四', nullable: true, type: String }) employeeName: string | null;
  @ApiProperty({ example: '2026-11-29T06:02:00.000Z' }) createdAt: string;
}

export class BindingPageDto {
  @ApiProperty({ type: [BindingDto] }) items: BindingDto[];
  @ApiProperty({ example: 1 }) page: number;
  @ApiProperty({ example: 20 }) size: number;
  @ApiProperty({ example: 1 }) total: number;
}

export class RevocationDto {
  @ApiProperty({ example: 7 }) bindingId: number;
  @ApiProperty({ example: [41, 42], description: 'visits this binding authorised that had not begun (not signed in, not over): they wait for authorisation again' })
  unauthorisedVisits: number[];
}
