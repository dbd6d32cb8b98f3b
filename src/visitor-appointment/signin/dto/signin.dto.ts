import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { IsMainlandMobile } from '../../../common/validation/mainland-mobile';

export class SigninBody {
  @ApiProperty({ example: '13933333333', description: 'phone of the main visitor or of any companion' })
  @IsString()
  @IsMainlandMobile()
  phone: string;
}

export class QrcodeBody {
  @ApiProperty({ example: '{"id":207,"qrcode":"83bae139a9bc445384f4fc7a2df6a047"}', description: 'what the reader scanned: the JSON content, or the 32-hex code alone' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  qrcode: string;
}

export class SignedPersonDto {
  @ApiProperty({ example: 27 }) subject_id: number;
  @ApiProperty({ example: '李四' }) name: string;
  @ApiProperty({ example: '13933333333' }) phone: string;
  @ApiProperty({ example: '{"id":207,"qrcode":"83bae139a9bc445384f4fc7a2df6a047"}' }) qrcode: string;
  @ApiProperty({ example: 'http://facegate.example/files/qrcodes/83bae139a9bc445384f4fc7a2df6a047.png' }) qrcode_img_url: string;
}

export class SigninDto extends SignedPersonDto {
  @ApiProperty({ example: 207, description: 'application id' }) id: number;
  @ApiProperty({ type: [SignedPersonDto] }) retinues: SignedPersonDto[];
}
