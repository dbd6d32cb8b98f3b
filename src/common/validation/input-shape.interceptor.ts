import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Request } from 'express';
import { Observable } from 'rxjs';
import { checkInputShape } from './input-shape';

/**
 * Checks the shape of every request's body, query and path parameters before any pipe or
 * validator sees them (see checkInputShape); a refusal answers in the route's own envelope.
 */
@Injectable()
export class InputShapeInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() === 'http') {
      const request = context.switchToHttp().getRequest<Request>();
      checkInputShape(request.body, 'body');
      checkInputShape(request.query, 'query');
      checkInputShape(request.params, 'path');
    }
    return next.handle();
  }
}
