import { Injectable, NestMiddleware } from '@nestjs/common';
import { NextFunction, Request, Response } from 'express';

/**
 * The original servlets answered GET and POST alike (clients put the fields in the query string).
 * Each `.do` route is declared once, as POST; a GET is routed to it.
 */
@Injectable()
export class FormMethodMiddleware implements NestMiddleware {
  use(request: Request, _response: Response, next: NextFunction): void {
    if (request.method === 'GET') request.method = 'POST';
    next();
  }
}
