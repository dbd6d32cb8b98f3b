import { ApiProperty } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';

/** The token field of authenticated `.do` requests; the guard reads it, DTOs only document it. */
export class TokenParams {
  @ApiProperty({ description: 'access token from wxlogin.do or login.do (also accepted as Authorization: Bearer)' })
  @IsOptional()
  @IsString()
  accessToken?: string;
}
