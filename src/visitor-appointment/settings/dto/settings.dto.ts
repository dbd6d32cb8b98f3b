import { ApiProperty } from '@nestjs/swagger';
import { IsDefined, IsString, MaxLength } from 'class-validator';

export class ServerSettingsDto {
  @ApiProperty({ example: '192.168.18.53', description: 'the Koala face server (kept for the back office; FaceGate talks to terminals itself)' })
  @IsDefined()
  @IsString()
  @MaxLength(255)
  koala_ip: string;

  @ApiProperty({ example: 'test@megvii.com' })
  @IsDefined()
  @IsString()
  @MaxLength(255)
  koala_username: string;

  @ApiProperty({ example: 'admin123456', description: 'stored encrypted with DATA_SECRET_KEY; returned as the spec demands, never logged' })
  @IsDefined()
  @IsString()
  @MaxLength(255)
  koala_password: string;

  @ApiProperty({ example: 'http://cloud.example.cn' })
  @IsDefined()
  @IsString()
  @MaxLength(500)
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
}
