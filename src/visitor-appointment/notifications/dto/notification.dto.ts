import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../../common/paging/page-query.dto';
import { IsRowId } from '../../../common/validation/row-id.pipe';

export const NOTIFICATION_KINDS = ['approval_reminder_to_employee', 'approval_pass_to_visitor', 'visitor_signin_to_employee', 'signin_to_visitor'] as const;
export const NOTIFICATION_STATES = ['pending', 'sent', 'failed', 'skipped'] as const;

export class NotificationQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: NOTIFICATION_STATES })
  @IsOptional()
  @IsIn(NOTIFICATION_STATES)
  state?: (typeof NOTIFICATION_STATES)[number];

  @ApiPropertyOptional({ enum: NOTIFICATION_KINDS })
  @IsOptional()
  @IsIn(NOTIFICATION_KINDS)
  kind?: (typeof NOTIFICATION_KINDS)[number];

  @ApiPropertyOptional({ enum: ['wechat', 'sms'] })
  @IsOptional()
  @IsIn(['wechat', 'sms'])
  channel?: 'wechat' | 'sms';

  @ApiPropertyOptional({ description: 'messages to one phone (SMS) or WeChat openid', example: '13922222222' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  recipient?: string;

  @ApiPropertyOptional({ description: 'messages of one visitor application' })
  @IsOptional()
  @Type(() => Number)
  @IsRowId()
  applicationId?: number;
}

export class NotificationDto {
  @ApiProperty({ example: 17 }) id: number;
  @ApiProperty({ example: 428, nullable: true, type: Number }) applicationId: number | null;
  @ApiProperty({ enum: NOTIFICATION_KINDS }) kind: string;
  @ApiProperty({ enum: ['wechat', 'sms'] }) channel: string;
  @ApiProperty({ example: '13811111111', description: 'openid (WeChat) or phone (SMS)' }) recipient: string;
  @ApiProperty({ example: 'SMS_167041492' }) templateId: string;
  @ApiProperty({ example: { visitor: '张三', time: '2026-11-22 10:00~12:00' }, type: 'object', additionalProperties: { type: 'string' } }) params: Record<string, string>;
  @ApiProperty({ enum: NOTIFICATION_STATES, description: 'skipped: no template set, or WeChat not configured (see lastError)' }) state: string;
  @ApiProperty({ example: 1 }) attempts: number;
  @ApiProperty({ example: null, nullable: true, type: String }) lastError: string | null;
  @ApiProperty({ example: '2026-11-22T08:00:00.000Z' }) createdAt: string;
  @ApiProperty({ example: '2026-11-22T08:00:01.000Z', description: 'next attempt of a pending message' }) nextAttemptAt: string;
  @ApiProperty({ example: '2026-11-22T08:00:01.000Z', nullable: true, type: String }) sentAt: string | null;
  @ApiProperty({ example: '900523740110^1114372918', nullable: true, type: String, description: "the provider's id of the sent message (WeChat msgid, Aliyun BizId)" })
  providerMessageId: string | null;
  @ApiProperty({
    example: null,
    nullable: true,
    type: String,
    description: 'when the attempt under way began; left set on a pending message if the service stopped during the call (it may have been delivered, and is sent again after two minutes)',
  })
  sendingSince: string | null;
}

export class NotificationPageDto {
  @ApiProperty({ type: [NotificationDto] }) items: NotificationDto[];
  @ApiProperty({ example: 1 }) page: number;
  @ApiProperty({ example: 20 }) size: number;
  @ApiProperty({ example: 1 }) total: number;
}
