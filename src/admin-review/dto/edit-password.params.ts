import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { TokenParams } from '../../common/protocols/result-code/token.params';

export class EditPasswordParams extends TokenParams {
  @ApiProperty({ format: 'password' })
  @IsString()
  @IsNotEmpty({ message: 'oldPassword is required' })
  @MaxLength(256)
  oldPassword: string;

  @ApiProperty({ format: 'password', description: '6 to 64 characters' })
  @IsString()
  @IsNotEmpty({ message: 'newPassword is required' })
  @MaxLength(256)
  newPassword: string;
}
