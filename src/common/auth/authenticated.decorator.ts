import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata, UseGuards } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import { AuthenticatedUnlessGuard, OPEN_WHEN, OpenWhen } from './authenticated-unless.guard';
import { ALLOWED_ROLES, AuthenticatedGuard } from './authenticated.guard';
import { Principal, Role } from './principal';

/** Requires a valid access token of one of the given roles (any role when none is given). */
export function Authenticated(...roles: Role[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    SetMetadata(ALLOWED_ROLES, roles.length > 0 ? roles : undefined),
    UseGuards(AuthenticatedGuard),
    ApiBearerAuth(),
  );
}

/** Like Authenticated, except for the requests `open` accepts, which need no token. */
export function AuthenticatedUnless(open: OpenWhen, ...roles: Role[]): MethodDecorator {
  return applyDecorators(
    SetMetadata(OPEN_WHEN, open),
    SetMetadata(ALLOWED_ROLES, roles.length > 0 ? roles : undefined),
    UseGuards(AuthenticatedUnlessGuard),
    ApiBearerAuth(),
  );
}

/** The verified caller of an @Authenticated route. */
export const CurrentPrincipal = createParamDecorator(
  (_: unknown, context: ExecutionContext): Principal => context.switchToHttp().getRequest().user,
);
