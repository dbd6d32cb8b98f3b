import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from '../../config/app.config';
import { redactValues } from './log-redaction';

/**
 * Structured logs (pino) through Nest's Logger. No line carries a phone, ID number, openid or token;
 * request lines (accessLog) carry no headers, bodies or credentials. nestjs-pino's own per-request
 * middleware is not mounted (see accessLog).
 */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (app: AppConfig) => ({
        forRoutes: [],
        pinoHttp: {
          level: app.logLevel,
          // Every message and every logged object pass through the by-value redaction.
          hooks: {
            logMethod(args: unknown[], method: (...args: unknown[]) => void) {
              method.apply(this, args.map((arg) => redactValues(arg)));
            },
          },
        },
      }),
    }),
  ],
})
export class LoggingModule {}
