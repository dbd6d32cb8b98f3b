import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Request } from 'express';
import { checkInputShape } from './input-shape';

/**
 * Checks the shape of every request's body, query and path parameters before any guard, pipe or
 * validator sees them (see checkInputShape); a refusal answers in the route's own envelope. A
 * guard, not an interceptor: a route with no interceptor skips Nest's observable pipeline.
 */
@Injectable()
export class InputShapeGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    if (context.getType() === 'http') {
      const request = context.switchToHttp().getRequest<Request>();
      checkInputShape(request.body, 'body');
      checkInputShape(request.query, 'query');
      checkInputShape(request.params, 'path');
    }
    return true;
  }
}
