import { Logger as NestLogger } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { json, RequestHandler } from 'express';
import { Logger } from 'nestjs-pino';
import { FileStorage, PUBLIC_FILES_PREFIX } from './common/storage/file-storage';
import { ProtocolExceptionFilter, TERMINAL_CALLBACK_PATHS } from './common/protocols/protocol.exception-filter';
import { createValidationPipe } from './common/protocols/validation.pipe';
import { Configuration } from './config/configuration';
import { setupSwagger } from './swagger.setup';

/**
 * Terminals post JSON under any content type, with photos of up to 700 KB in base64. (A named
 * wrapper: Nest skips its own JSON parser when it finds one called jsonParser.)
 */
function terminalCallbackBody(): RequestHandler {
  const parse = json({ type: () => true, limit: '2mb' });
  return function terminalCallbackBody(request, response, next) {
    if (TERMINAL_CALLBACK_PATHS.test(request.path)) parse(request, response, next);
    else next();
  };
}

/** Everything main.ts and the e2e tests both need on top of the module graph. */
export function configureApp(app: NestExpressApplication, configuration: Configuration): void {
  app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  // API answers change with every write; hashing each body for an ETag costs time and saves nothing.
  app.set('etag', false);
  app.use(terminalCallbackBody());
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProtocolExceptionFilter());
  app.useStaticAssets(app.get(FileStorage).publicDir, {
    prefix: PUBLIC_FILES_PREFIX,
    index: false,
    dotfiles: 'deny',
    maxAge: '30d',
    immutable: true,
  });
  app.enableShutdownHooks();
  setupSwagger(app);
  const logger = new NestLogger('Configuration');
  for (const warning of configuration.warnings) logger.warn(warning);
}
