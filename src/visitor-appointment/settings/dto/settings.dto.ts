import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsString, IsUrl, Matches, MaxLength, ValidateIf } from 'class-validator';
import { Omittable } from '../../../common/validation/omittable';

/** An IPv4/IPv6 address or a host name, optionally with a port. */
const HOST = /^(\[[0-9a-f:.]+\]|[0-9a-z.-]+|[0-9a-f:]+)(:\d{1,5})?$/i;

export class ServerSettingsDto {
  @ApiProperty({ example: '192.168.18.53', description: 'the Koala face server: an address or host name, or empty (kept for the back office; FaceGate talks to terminals itself)' })
  @IsDefined()
  @IsString()
  @MaxLength(255)
  @ValidateIf((s: ServerSettingsDto) => s.koala_ip !== '')
  @Matches(HOST, { message: 'koala_ip must be an IP address or a host name (with an optional :port), or empty' })
  koala_ip: string;

  @ApiProperty({ example: 'test@megvii.com' })
  @IsDefined()
  @IsString()
  @MaxLength(255)
  koala_username: string;

  @ApiPropertyOptional({
    example: 'admin123456',
    description: 'stored encrypted with DATA_SECRET_KEY, never logged; returned as the spec demands to administrators only (other roles get no such key); left out of a change: unchanged',
  })
  @Omittable()
  @IsString()
  @MaxLength(255)
  koala_password?: string;

  @ApiProperty({ example: 'http://cloud.example.cn', description: 'an http(s) URL, or empty' })
  @IsDefined()
  @IsString()
  @MaxLength(500)
  @ValidateIf((s: ServerSettingsDto) => s.cloud_url !== '')
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true }, { message: 'cloud_url must be an http(s) URL, or empty' })
  cloud_url: string;
}

const TEMPLATE = { example: 'SMS_167041492', description: 'empty: this message is not sent' };

export class TemplateSettingsDto {
  @ApiProperty({ ...TEMPLATE, example: '399LquLmEmb7-h-_Zu1n6EEjBf0qhgjS3Dn2M2FWRmQ' }) @IsDefined() @IsString() @MaxLength(100) approval_reminder_to_employee_wechat_id: string;
  @ApiProperty(TEMPLATE) @IsDefined() @IsString() @MaxLength(100) approval_reminder_to_employee_sms_id: string;
  @ApiProperty({ ...TEMPLATE, example: '399LquLmEmb7-h-_Zu1n6EEjBf0qhgjS3Dn2M2FWRmQ' }) @IsDefined() @IsString() @MaxLength(100) visitor_signin_to_employee_wechat_id: string;
  @ApiProperty(TEMPLATE) @IsDefined() @IsString() @MaxLength(100) visitor_signin_to_employee_sms_id: string;
  @ApiProperty({ ...TEMPLATE, example: '399LquLmEmb7-h-_Zu1n6EEjBf0qhgjS3Dn2M2FWRmQ' }) @IsDefined() @IsString() @MaxLength(100) approval_pass_to_visitor_wechat_id: string;
  @ApiProperty(TEMPLATE) @IsDefined() @IsString() @MaxLength(100) approval_pass_to_visitor_sms_id: string;
  @ApiProperty({ ...TEMPLATE, example: '399LquLmEmb7-h-_Zu1n6EEjBf0qhgjS3Dn2M2FWRmQ' }) @IsDefined() @IsString() @MaxLength(100) signin_to_visitor_wechat_id: string;
  @ApiProperty(TEMPLATE) @IsDefined() @IsString() @MaxLength(100) signin_to_visitor_sms_id: string;
  @ApiPropertyOptional({ ...TEMPLATE, description: 'to an employee whose identity was bound to a new WeChat account (params name, time); left out: unchanged' })
  @Omittable()
  @IsString()
  @MaxLength(100)
  binding_notice_to_employee_wechat_id?: string;
  @ApiPropertyOptional({ ...TEMPLATE, description: 'the same by SMS; left out: unchanged' }) @Omittable() @IsString() @MaxLength(100) binding_notice_to_employee_sms_id?: string;
}
