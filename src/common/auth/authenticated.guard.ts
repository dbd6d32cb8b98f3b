import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { NotAuthenticatedError, PermissionDeniedError } from '../errors/domain-errors';
import { Principal, Role } from './principal';

export const ALLOWED_ROLES = 'facegate:allowed-roles';

/** Verifies the access token (signature, expiry, live session) and the caller's role. */
@Injectable()
export class AuthenticatedGuard extends AuthGuard('jwt') {
  constructor(protected readonly reflector: Reflector) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    await super.canActivate(context);
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ALLOWED_ROLES, [
      context.getHandler(),
      context.getClass(),
    ]);
    const principal = context.switchToHttp().getRequest().user as Principal;
    if (roles && !roles.includes(principal.role)) {
      throw new PermissionDeniedError(`this operation needs a ${roles.join(' or ')} token`);
    }
    return true;
  }

  override handleRequest<TUser = Principal>(error: unknown, user: TUser | false, info: unknown): TUser {
    if (error) throw error;
    if (!user) {
      const reason = info instanceof Error ? info.message : 'the session has ended';
      throw new NotAuthenticatedError(`access token rejected: ${reason}`);
    }
    return user;
  }
}
