import { Global, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthConfig } from '../../config/auth.config';
import { AuthSession } from './auth-session.entity';
import { AuthenticatedGuard } from './authenticated.guard';
import { JwtStrategy } from './jwt.strategy';
import { SessionPurgeJob } from './session-purge.job';
import { TokenService } from './token.service';

/** Cross-cutting: any module can issue tokens and protect routes without importing the module that logs users in. */
@Global()
@Module({
  imports: [
    PassportModule,
    TypeOrmModule.forFeature([AuthSession]),
    JwtModule.registerAsync({
      inject: [AuthConfig],
      useFactory: (config: AuthConfig) => ({ secret: config.jwtSecret, signOptions: { algorithm: 'HS256' } }),
    }),
  ],
  providers: [TokenService, JwtStrategy, AuthenticatedGuard, SessionPurgeJob],
  exports: [TokenService, AuthenticatedGuard],
})
export class AuthModule {}
