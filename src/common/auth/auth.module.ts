import { Global, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthConfig } from '../../config/auth.config';
import { AuthSession } from './auth-session.entity';
import { AuthenticatedGuard } from './authenticated.guard';
import { AccessTokenVerifier } from './access-token.verifier';
import { SessionPurgeJob } from './session-purge.job';
import { TokenService } from './token.service';

/** Cross-cutting: any module can issue tokens and protect routes without importing the module that logs users in. */
@Global()
@Module({
  imports: [
    TypeOrmModule.forFeature([AuthSession]),
    JwtModule.registerAsync({
      inject: [AuthConfig],
      useFactory: (config: AuthConfig) => ({ secret: config.jwtSecret, signOptions: { algorithm: 'HS256' } }),
    }),
  ],
  providers: [TokenService, AccessTokenVerifier, AuthenticatedGuard, SessionPurgeJob],
  exports: [TokenService, AccessTokenVerifier, AuthenticatedGuard],
})
export class AuthModule {}
