import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Request } from 'express';
import { NotAuthenticatedError, PermissionDeniedError } from '../errors/domain-errors';
import { NOT_AN_ACTION } from '../audit/audit-read.decorator';
import { BACK_OFFICE_AREA } from './back-office.decorator';
import { Principal, Role } from './principal';
import { StaffArea, staffMay } from './staff-role';
import { AccessTokenVerifier } from './access-token.verifier';
import { TokenService } from './token.service';

export const ALLOWED_ROLES = 'facegate:allowed-roles';

/** Verifies the access token (signature, expiry, live session) and the caller's role. */
@Injectable()
export class AuthenticatedGuard implements CanActivate {
  constructor(
    protected readonly reflector: Reflector,
    private readonly verifier: AccessTokenVerifier,
    private readonly tokens: TokenService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request & { user?: Principal }>();
    const verdict = await this.verifier.verifyRequest(request);
    if ('reason' in verdict) throw new NotAuthenticatedError(`access token rejected: ${verdict.reason}`);
    const principal = await this.tokens.resolve(verdict.claims);
    if (!principal) throw new NotAuthenticatedError('access token rejected: the session has ended');
    request.user = principal;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ALLOWED_ROLES, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (roles && !roles.includes(principal.role)) {
      throw new PermissionDeniedError(`this operation needs a ${roles.join(' or ')} token`);
    }
    if (principal.role === 'admin') this.checkStaffRole(context, principal);
    return true;
  }

  /** Back-office tokens carry a staff role; each area says which roles may read and change it. */
  private checkStaffRole(context: ExecutionContext, principal: Principal): void {
    const targets = [context.getHandler(), context.getClass()];
    const area = this.reflector.getAllAndOverride<StaffArea | undefined>(BACK_OFFICE_AREA, targets);
    const method = context.switchToHttp().getRequest<{ method: string }>().method;
    const write = !['GET', 'HEAD'].includes(method) && !this.reflector.getAllAndOverride<boolean>(NOT_AN_ACTION, targets);
    const role = principal.staffRole;
    const allowed = role !== null && (area ? staffMay(role, area, write) : role === 'admin');
    if (!allowed) {
      throw new PermissionDeniedError(`the ${role ?? 'unknown'} role may not ${write ? 'change' : 'read'} ${area ?? 'this'} here`);
    }
  }
}
