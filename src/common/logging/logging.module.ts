import { Module } from '@nestjs/common';
import { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from '../../config/app.config';
import { redactUrl, redactValues } from './log-redaction';

const QUIET_PATHS = /^\/(files|docs)(\/|$)/;

/** Structured logs (pino); request lines carry no headers, bodies or credentials, and no line carries a phone, ID number, openid or token. */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (app: AppConfig) => ({
        pinoHttp: {
          level: app.logLevel,
          // Every message and every logged object pass through the by-value redaction.
          hooks: {
            logMethod(args: unknown[], method: (...args: unknown[]) => void) {
              method.apply(this, args.map((arg) => redactValues(arg)));
            },
          },
          autoLogging: { ignore: (req: IncomingMessage) => QUIET_PATHS.test(req.url ?? '') },
          redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
          serializers: {
            req: (req: IncomingMessage & { id?: unknown; raw?: IncomingMessage }) => ({
              id: req.id,
              method: req.method,
              url: redactUrl(req.url ?? ''),
            }),
            res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
          },
          customLogLevel: (_req: IncomingMessage, res: ServerResponse, error?: Error) =>
            error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
        },
      }),
    }),
  ],
})
export class LoggingModule {}
