import { Injectable } from '@nestjs/common';

/** The time port: business rules read "now" here so tests can move time. */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
