import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { FormText } from '../../common/protocols/result-code/form-transforms';

export class WxLoginParams {
  @ApiProperty({ description: 'login code from wx.login()' })
  @FormText()
  @IsString()
  @IsNotEmpty({ message: 'code is required' })
  @MaxLength(128)
  code: string;

  @ApiProperty({ description: 'encryptedData from wx.getUserInfo() (base64)' })
  @FormText()
  @IsString()
  @IsNotEmpty({ message: 'encryptedData is required' })
  @MaxLength(16384)
  encryptedData: string;

  @ApiProperty({ description: 'iv from wx.getUserInfo() (base64)' })
  @FormText()
  @IsString()
  @IsNotEmpty({ message: 'iv is required' })
  @MaxLength(64)
  iv: string;
}
