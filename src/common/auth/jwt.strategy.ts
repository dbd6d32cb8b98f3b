import { Injectable } from '@nestjs/common';
import { createSecretKey } from 'node:crypto';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-jwt';
import { AuthConfig } from '../../config/auth.config';
import { Principal } from './principal';
import { AccessTokenClaims, TokenService } from './token.service';
import { extractAccessToken } from './token.extractor';

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    config: AuthConfig,
    private readonly tokens: TokenService,
  ) {
    super({
      jwtFromRequest: extractAccessToken,
      // A KeyObject: given a string, jsonwebtoken first tries it as a public key and pays for the exception on every request.
      secretOrKey: createSecretKey(Buffer.from(config.jwtSecret!, 'utf8')) as unknown as string,
      algorithms: ['HS256'],
    });
  }

  async validate(claims: AccessTokenClaims): Promise<Principal | false> {
    return (await this.tokens.resolve(claims)) ?? false;
  }
}
