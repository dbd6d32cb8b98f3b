import { UseInterceptors } from '@nestjs/common';
import { AuditInterceptor } from './audit.interceptor';

/**
 * The controller's administrator actions (and its @AuditedRead routes) go to the audit log. Every
 * back-office controller but those that only read carries it (test/common/audit-coverage checks
 * that no route an administrator can change something with goes without); bound per controller
 * rather than globally, so that the polled reads (getfaces.do) skip Nest's interceptor pipeline.
 */
export const Audited = (): ClassDecorator => UseInterceptors(AuditInterceptor);
