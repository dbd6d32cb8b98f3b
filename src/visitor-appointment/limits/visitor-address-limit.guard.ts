import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Request } from 'express';
import { VisitorLimits } from './visitor-limits';

/** VISITOR_REQUESTS_PER_ADDRESS_PER_MINUTE on every route of the controller. */
@Injectable()
export class VisitorAddressLimitGuard implements CanActivate {
  constructor(private readonly limits: VisitorLimits) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    await this.limits.address(context.switchToHttp().getRequest<Request>().ip ?? 'unknown');
    return true;
  }
}
