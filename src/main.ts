import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { existsSync } from 'node:fs';
import { AppModule } from './app.module';
import { configureApp } from './app.setup';
import { ConfigurationError } from './config/config-loader';
import { Configuration, loadConfiguration } from './config/configuration';

function readConfiguration(): Configuration {
  if (existsSync('.env')) process.loadEnvFile('.env');
  try {
    return loadConfiguration(process.env);
  } catch (error) {
    if (error instanceof ConfigurationError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

async function bootstrap(): Promise<void> {
  const configuration = readConfiguration();
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(configuration), { bufferLogs: true });
  configureApp(app, configuration);
  await app.listen(configuration.app.port);
  const logger = new Logger('FaceGate');
  // A background write that fails while the database restarts must not end the process (Node's
  // default): it is logged, and the job it belonged to (outbox, provisioning, sweeps) tries again.
  process.on('unhandledRejection', (reason) => logger.error(`unhandled failure of background work: ${(reason as Error)?.message ?? String(reason)}`, (reason as Error)?.stack));
  logger.log(
    `listening on port ${configuration.app.port}; Swagger UI at ${configuration.app.baseUrl}/docs`,
  );
}

void bootstrap();
