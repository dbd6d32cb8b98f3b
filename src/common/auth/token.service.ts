import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { LessThan, Not, Repository } from 'typeorm';
import { AuthConfig } from '../../config/auth.config';
import { PreparedQuery } from '../../database/prepared-query';
import { Clock } from '../clock/clock';
import { AccessTokenClaims } from './access-token-claims';
import { AccessTokenVerifier } from './access-token.verifier';
import { AuthSession } from './auth-session.entity';
import { Principal, Role } from './principal';
import { StaffRole } from './staff-role';
import { SessionsEnded } from '../../events/session.events';

export interface IssuedToken {
  accessToken: string;
  expiresAt: Date;
}

/**
 * Issues, resolves and revokes access tokens. A token is a signed JWT naming a session row;
 * deleting the row (logout, password change) makes the token useless at once.
 */
@Injectable()
export class TokenService {
  /** Runs on every authenticated request. */
  private readonly sessionById: PreparedQuery<AuthSession>;

  constructor(
    @InjectRepository(AuthSession) private readonly sessions: Repository<AuthSession>,
    private readonly jwt: JwtService,
    private readonly config: AuthConfig,
    private readonly clock: Clock,
    private readonly verifier: AccessTokenVerifier,
    private readonly emitter: EventEmitter2,
  ) {
    this.sessionById = new PreparedQuery(sessions.manager.connection, AuthSession, 'SELECT * FROM auth_session WHERE id = :id');
  }

  async issue(role: Role, subject: string, displayName: string | null = null, staffRole: StaffRole | null = null): Promise<IssuedToken> {
    const now = this.clock.now();
    const session = this.sessions.create({
      id: randomUUID(),
      role,
      subject,
      displayName,
      staffRole,
      createdAt: now,
      expiresAt: new Date(now.getTime() + this.config.tokenTtlSeconds * 1000),
    });
    await this.sessions.insert(session);
    const claims: AccessTokenClaims = { sub: subject, role, jti: session.id };
    const accessToken = await this.jwt.signAsync(claims, { expiresIn: this.config.tokenTtlSeconds });
    return { accessToken, expiresAt: session.expiresAt };
  }

  /** The principal of a raw token (signature, expiry and live session checked), or null. For callers outside HTTP, like the live socket. */
  async principalOf(token: string): Promise<Principal | null> {
    const verdict = await this.verifier.verify(token);
    return 'claims' in verdict ? this.resolve(verdict.claims) : null;
  }

  /** The principal of a token whose signature has already been checked, or null when its session is gone. */
  async resolve(claims: AccessTokenClaims): Promise<Principal | null> {
    if (typeof claims.jti !== 'string') return null;
    const session = await this.sessionById.one({ id: claims.jti });
    if (!session || session.subject !== claims.sub || session.role !== claims.role) return null;
    if (session.expiresAt.getTime() <= this.clock.now().getTime()) return null;
    return { sessionId: session.id, role: session.role, subject: session.subject, displayName: session.displayName, staffRole: session.staffRole };
  }

  /** Whether the session still exists and has not expired (a connection that outlives its request asks this now and then). */
  async stillValid(sessionId: string): Promise<boolean> {
    const session = await this.sessionById.one({ id: sessionId });
    return !!session && session.expiresAt.getTime() > this.clock.now().getTime();
  }

  /** Ends the principal's session (logout). */
  async revoke(principal: Pick<Principal, 'sessionId' | 'role' | 'subject'>): Promise<void> {
    await this.sessions.delete({ id: principal.sessionId });
    this.emitter.emit(SessionsEnded.eventName, new SessionsEnded({ role: principal.role, subject: principal.subject }));
  }

  /** Ends every session of one subject, except the one given (the caller's own). */
  async revokeAll(role: Role, subject: string, exceptSessionId?: string): Promise<void> {
    await this.sessions.delete({ role, subject, ...(exceptSessionId ? { id: Not(exceptSessionId) } : {}) });
    this.emitter.emit(SessionsEnded.eventName, new SessionsEnded({ role, subject }));
  }

  async purgeExpired(): Promise<number> {
    const result = await this.sessions.delete({ expiresAt: LessThan(this.clock.now()) });
    return result.affected ?? 0;
  }
}
