import { Injectable } from '@nestjs/common';
import { Request } from 'express';
import { createSecretKey } from 'node:crypto';
import { Strategy } from 'passport-jwt';
import { AuthConfig } from '../../config/auth.config';
import { Clock } from '../clock/clock';
import { extractAccessToken } from './token.extractor';
import { AccessTokenClaims } from './access-token-claims';

export type Verdict = { claims: AccessTokenClaims } | { reason: string };

/** Tokens whose signature was checked, kept at most this many (the oldest go first). */
const REMEMBERED = 10_000;

/** The hooks passport-jwt calls on a strategy for one request (passport itself would provide them). */
interface Attempt {
  success(claims: AccessTokenClaims): void;
  fail(info: unknown): void;
  error(error: Error): void;
  authenticate(request: unknown, options: object): void;
}

/**
 * Checks access tokens with passport-jwt's strategy (signature, algorithm, expiry), called
 * directly rather than through passport's middleware, and remembers the tokens it accepted until
 * they expire: the same token comes back with every request of a session, and checking it again
 * cost a third of a request's work. Revocation is not remembered here: the session row is read on
 * every request (TokenService.resolve).
 */
@Injectable()
export class AccessTokenVerifier {
  private readonly strategy: Strategy;
  private readonly accepted = new Map<string, AccessTokenClaims & { exp: number }>();

  constructor(
    config: AuthConfig,
    private readonly clock: Clock,
  ) {
    this.strategy = new Strategy(
      {
        jwtFromRequest: extractAccessToken,
        // A KeyObject: given a string, jsonwebtoken first tries it as a public key and pays for the exception on every call.
        secretOrKey: createSecretKey(Buffer.from(config.jwtSecret!, 'utf8')) as unknown as string,
        algorithms: ['HS256'],
      },
      (claims: AccessTokenClaims, done: (error: null, claims: AccessTokenClaims) => void) => done(null, claims),
    );
  }

  /** The claims of the request's token (Bearer header, or the `accessToken` field), or why there are none. */
  verifyRequest(request: Request): Promise<Verdict> {
    const token = extractAccessToken(request);
    if (!token) return Promise.resolve({ reason: 'No auth token' });
    return this.verifyToken(token, request);
  }

  /** The same for a token given on its own (the live socket's). */
  verify(token: string): Promise<Verdict> {
    return this.verifyToken(token, { headers: { authorization: `Bearer ${token}` } });
  }

  private verifyToken(token: string, request: unknown): Promise<Verdict> {
    const known = this.accepted.get(token);
    if (known && known.exp * 1000 > this.clock.now().getTime()) return Promise.resolve({ claims: known });
    return new Promise<Verdict>((resolve, reject) => {
      const attempt = Object.create(this.strategy) as Attempt;
      attempt.success = (claims) => {
        if (typeof claims.exp === 'number') this.remember(token, claims as AccessTokenClaims & { exp: number });
        resolve({ claims });
      };
      attempt.fail = (info) => resolve({ reason: info instanceof Error ? info.message : String((info as { message?: string })?.message ?? info ?? 'rejected') });
      attempt.error = reject;
      attempt.authenticate(request, {});
    });
  }

  private remember(token: string, claims: AccessTokenClaims & { exp: number }): void {
    if (this.accepted.size >= REMEMBERED) this.accepted.delete(this.accepted.keys().next().value!);
    this.accepted.set(token, claims);
  }
}
