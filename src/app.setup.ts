import { publicFiles } from './common/storage/public-files.middleware';
import { chain } from './common/http/chain';
import { consoleFiles } from './common/http/console-files';
import { answerOversizedRequests } from './common/http/oversized-requests';
import { WsAdapter } from '@nestjs/platform-ws';
import { largeBodies } from './common/http/large-bodies';
import { Metrics } from './common/metrics/metrics';
import { requestTiming } from './common/metrics/request-timing';
import { securityHeaders } from './common/http/security-headers';
import { Logger as NestLogger } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { json, RequestHandler } from 'express';
import { Logger, PinoLogger } from 'nestjs-pino';
import { accessLog } from './common/logging/access-log';
import { FileStorage, PUBLIC_FILES_PREFIX } from './common/storage/file-storage';
import { hotelBodyError } from './common/protocols/hotel/hotel.exception-filter';
import { HOTEL_PATHS, ProtocolExceptionFilter, TERMINAL_CALLBACK_PATHS } from './common/protocols/protocol.exception-filter';
import { createValidationPipe } from './common/protocols/validation.pipe';
import { InputShapeGuard } from './common/validation/input-shape.guard';
import { Configuration } from './config/configuration';
import { setupSwagger } from './swagger.setup';
import { VISIT_APPLICATION_MAX_BODY } from './visitor-appointment/visits/dto/application.dto';

/**
 * A JSON parser for some paths only. (A named wrapper: Nest skips its own JSON parser when it
 * finds one called jsonParser; ours run first, and Nest's leaves a parsed body alone.)
 */
function jsonBodyOn(paths: RegExp, options: Parameters<typeof json>[0], mapError: (error: Error) => Error = (error) => error): RequestHandler {
  const parse = json(options);
  return function jsonBodyOnPaths(request, response, next) {
    if (paths.test(request.path)) parse(request, response, (error?: Error) => next(error && mapError(error)));
    else next();
  };
}

/** Everything main.ts and the e2e tests both need on top of the module graph. */
export function configureApp(app: NestExpressApplication, configuration: Configuration): void {
  app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  // API answers change with every write; hashing each body for an ETag costs time and saves nothing.
  app.set('etag', false);
  app.set('trust proxy', configuration.app.trustProxySetting);
  app.use(
    chain(
      accessLog(() => PinoLogger.root),
      requestTiming(app.get(Metrics)),
      securityHeaders(PUBLIC_FILES_PREFIX),
      largeBodies(configuration.app.largeUploadsAtOnce),
      // Terminals post JSON under any content type, with photos of up to 700 KB in base64.
      jsonBodyOn(TERMINAL_CALLBACK_PATHS, { type: () => true, limit: '2mb' }),
      // The hotel mini-program sends JSON under any content type; portraits and faces come in base64.
      jsonBodyOn(HOTEL_PATHS, { type: () => true, limit: Math.ceil((configuration.storage.photoMaxBytes * 4) / 3) + 64 * 1024 }, hotelBodyError),
      // A visit application may carry a base64 photo for each of its people.
      jsonBodyOn(/^\/v1\/subject\/?$/, { limit: VISIT_APPLICATION_MAX_BODY }),
    ),
  );
  const origins = configuration.app.allowedOrigins;
  if (origins) app.enableCors({ origin: origins, methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'], maxAge: 600 });
  app.useGlobalGuards(new InputShapeGuard());
  app.useGlobalPipes(createValidationPipe());
  const protocolErrors = new ProtocolExceptionFilter();
  app.useGlobalFilters(protocolErrors);
  answerOversizedRequests(app.getHttpServer(), protocolErrors);
  // The console's live socket (/api/admin/live) speaks plain WebSocket.
  app.useWebSocketAdapter(new WsAdapter(app));
  app.use(chain(publicFiles(app.get(FileStorage)), consoleFiles(configuration.app.consoleDir)));
  // Only the signals that mean "stop": the rest (SIGUSR2, SIGHUP) stay free for tools.
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  setupSwagger(app);
  const logger = new NestLogger('Configuration');
  for (const warning of configuration.warnings) logger.warn(warning);
}
