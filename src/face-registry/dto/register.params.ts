import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { FormText } from '../../common/protocols/result-code/form-transforms';
import { TokenParams } from '../../common/protocols/result-code/token.params';
import { IsMainlandMobile } from '../../common/validation/mainland-mobile';

export class RegisterParams extends TokenParams {
  @ApiProperty({ maxLength: 30, example: '张三' })
  @FormText()
  @IsString()
  @IsNotEmpty({ message: 'name is required' })
  @MaxLength(30)
  @Matches(/^[^\p{Cc}]+$/u, { message: 'name must not contain control characters' })
  name: string;

  @ApiProperty({ description: 'mainland China mobile number, 11 digits', example: '13800138000' })
  @FormText()
  @IsString()
  @IsMainlandMobile()
  telNo: string;

  @ApiPropertyOptional({ description: 'card number (digits); defaults to the last 9 digits of telNo', example: '38001380' })
  @FormText()
  @IsOptional()
  @IsString()
  @Matches(/^\d{1,15}$/, { message: 'cardId must be 1 to 15 digits' })
  cardId?: string;

  @ApiProperty({ type: 'string', format: 'binary', description: 'JPEG or PNG face photo (part "fileStream" or "file")' })
  fileStream?: unknown;
}
