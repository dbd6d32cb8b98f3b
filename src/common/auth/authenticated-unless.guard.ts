import { ExecutionContext, Injectable } from '@nestjs/common';
import { Request } from 'express';
import { AuthenticatedGuard } from './authenticated.guard';

export const OPEN_WHEN = 'facegate:open-when';

/** Says whether a request may go without a token (e.g. the mobile form of an endpoint the back office shares). */
export type OpenWhen = (request: Request) => boolean;

/** AuthenticatedGuard for endpoints that only some requests reach without a token. */
@Injectable()
export class AuthenticatedUnlessGuard extends AuthenticatedGuard {
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const open = this.reflector.get<OpenWhen | undefined>(OPEN_WHEN, context.getHandler());
    if (open?.(context.switchToHttp().getRequest<Request>())) return true;
    return super.canActivate(context);
  }
}
