import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { FormText } from '../../common/protocols/result-code/form-transforms';

export class LoginParams {
  @ApiProperty({ example: 'admin' })
  @FormText()
  @IsString()
  @IsNotEmpty({ message: 'userName is required' })
  @MaxLength(100)
  userName: string;

  @ApiProperty({ format: 'password' })
  @IsString()
  @IsNotEmpty({ message: 'password is required' })
  @MaxLength(256)
  password: string;
}
