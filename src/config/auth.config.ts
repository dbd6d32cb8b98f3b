import { IsInt, IsOptional, Max, Min, MinLength } from 'class-validator';
import { Env } from './env.decorator';

export class AuthConfig {
  /** Required in production; elsewhere a random per-process secret is generated (see loadConfiguration). */
  @Env('JWT_SECRET', { secret: true })
  @IsOptional()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  jwtSecret?: string;

  /** Access tokens of both the mini-program and the PC live one hour, as the spec says. */
  @Env('TOKEN_TTL_SECONDS')
  @IsInt()
  @Min(60)
  @Max(86400)
  tokenTtlSeconds = 3600;

  @Env('ADMIN_USERNAME')
  @IsOptional()
  @MinLength(1)
  adminUsername?: string;

  @Env('ADMIN_PASSWORD', { secret: true })
  @IsOptional()
  @MinLength(6, { message: 'ADMIN_PASSWORD must be at least 6 characters' })
  adminPassword?: string;

  /** Failed logins of one user name from one address within LOGIN_LOCKOUT_SECONDS before that address is slowed down (1 s, 2 s, 4 s, … up to 15 min). */
  @Env('LOGIN_MAX_FAILURES')
  @IsInt()
  @Min(1)
  loginMaxFailures = 5;

  @Env('LOGIN_LOCKOUT_SECONDS')
  @IsInt()
  @Min(1)
  loginLockoutSeconds = 900;
}
