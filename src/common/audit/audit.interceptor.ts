import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Request } from 'express';
import { catchError, concatMap, from, Observable, throwError } from 'rxjs';
import { Principal } from '../auth/principal';
import { AUDITED_READ, NOT_AN_ACTION } from './audit-read.decorator';
import { AuditLog } from './audit-log.service';

/** How an answer of any protocol ended, for the log: `ok`, or its code. */
function outcomeOf(answer: unknown): string {
  const envelope = (answer ?? {}) as Record<string, unknown>;
  if (typeof envelope.result_code === 'number') return envelope.result_code === 0 ? 'ok' : `result_code ${envelope.result_code}: ${envelope.result_msg}`;
  if (typeof envelope.code === 'number' && 'err_msg' in envelope) return envelope.code === 0 ? 'ok' : `code ${envelope.code}: ${envelope.err_msg}`;
  return 'ok';
}

/**
 * Audits every administrator request that changes something (any method but GET) and every GET
 * marked @AuditedRead: who, what (method and route), which record (the route's parameters), how it
 * ended and from where. Refused requests are audited too.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(
    private readonly audit: AuditLog,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<Request & { user?: Principal }>();
    const principal = request.user;
    const read = this.reflector.get<string | undefined>(AUDITED_READ, context.getHandler());
    const readOnly = request.method === 'GET' || this.reflector.get<boolean | undefined>(NOT_AN_ACTION, context.getHandler());
    if (principal?.role !== 'admin' || (readOnly && !read)) return next.handle();
    const route = (request.route as { path?: string } | undefined)?.path ?? request.path;
    const entry = {
      actor: principal.displayName ?? `admin #${principal.subject}`,
      action: read ? `read ${read}: ${request.method} ${route}` : `${request.method} ${route}`,
      target: Object.entries(request.params ?? {}).map(([key, value]) => `${key}=${value}`).join(', ') || null,
      address: request.ip ?? 'unknown',
    };
    // Recorded before the answer leaves: an administrator who saw the answer finds the entry.
    return next.handle().pipe(
      concatMap(async (answer) => {
        await this.audit.record({ ...entry, outcome: outcomeOf(answer) });
        return answer;
      }),
      catchError((error: Error) => from(this.audit.record({ ...entry, outcome: `refused: ${error.message}` })).pipe(concatMap(() => throwError(() => error)))),
    );
  }
}
