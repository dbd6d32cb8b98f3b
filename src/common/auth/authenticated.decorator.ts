import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata, UseGuards } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
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

/** The verified caller of an @Authenticated route. */
export const CurrentPrincipal = createParamDecorator(
  (_: unknown, context: ExecutionContext): Principal => context.switchToHttp().getRequest().user,
);
