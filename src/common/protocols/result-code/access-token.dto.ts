import { ApiProperty } from '@nestjs/swagger';

export class AccessTokenDto {
  @ApiProperty({ description: 'valid for one hour; send it back as the accessToken field' })
  accessToken: string;
}
