import { NestExpressApplication } from '@nestjs/platform-express';
import { Test, TestingModuleBuilder } from '@nestjs/testing';
import { mkdtemp, rm } from 'node:fs/promises';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppModule } from '../../src/app.module';
import { configureApp } from '../../src/app.setup';
import { Clock } from '../../src/common/clock/clock';
import { Outbox } from '../../src/common/outbox/outbox.service';
import { InstanceLock } from '../../src/database/instance-lock';
import { Configuration, loadConfiguration } from '../../src/config/configuration';
import { databaseEnv, dropDatabase } from './test-database-server';
import { TestClock } from './test-clock';

export const ADMIN = { userName: 'admin', password: 'admin-secret-1' };

export interface TestApp {
  app: NestExpressApplication;
  configuration: Configuration;
  /** http://127.0.0.1:<port>, also the app's PUBLIC_BASE_URL. */
  baseUrl: string;
  clock: TestClock;
  /** Scratch directory holding the database and the storage area. */
  dir: string;
  /** Delivers every staged domain event now. */
  flushEvents(): Promise<void>;
  /** Stops the app and keeps its database and directory, for another app to start on them (a restart). */
  stop(): Promise<void>;
  close(): Promise<void>;
}

/** Replaces providers of the app under test. */
export type Override = (builder: TestingModuleBuilder) => TestingModuleBuilder;

/**
 * For a test that plays an instance hung in the middle of its work while another one starts on its
 * database (as a restart after a real hang would find it dead, or a cluster peer would run beside
 * it): the second instance does without the instance lock the hung one still holds.
 */
export const besideAHungInstance: Override = (builder) =>
  builder.overrideProvider(InstanceLock).useValue({ whileMigrating: (work: () => Promise<unknown>) => work(), onApplicationShutdown: async () => undefined });

/**
 * Starts the whole application on a loopback port with its own database (a SQLite file, or a fresh
 * PostgreSQL database under FACEGATE_TEST_DB=postgres) and storage directory,
 * or with those of `reuseDir` (a restart: that directory is left in place on close).
 */
export async function startTestApp(
  env: Record<string, string> = {},
  reuseDir?: string,
  /** Replaces providers (ports) beyond the clock. */
  override: Override = (builder) => builder,
): Promise<TestApp> {
  const dir = reuseDir ?? (await mkdtemp(join(tmpdir(), 'facegate-test-')));
  const configuration = loadConfiguration({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    ...(await databaseEnv(dir, join(dir, 'facegate.sqlite'))),
    STORAGE_DIR: join(dir, 'storage'),
    JWT_SECRET: 'test-secret-that-is-long-enough-0123456789',
    ADMIN_USERNAME: ADMIN.userName,
    ADMIN_PASSWORD: ADMIN.password,
    OUTBOX_POLL_MS: '60000',
    // Most tests use synthetic photos; the face tests switch the engine on.
    FACE_ENGINE: 'off',
    ...env,
  });
  const clock = new TestClock();
  const moduleRef = await override(Test.createTestingModule({ imports: [AppModule.forRoot(configuration)] }).overrideProvider(Clock).useValue(clock)).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ bufferLogs: true });
  configureApp(app, configuration);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  configuration.app.publicBaseUrl = baseUrl;
  let stopped: Promise<void> | undefined;
  const stop = () => (stopped ??= app.close());
  return {
    app,
    configuration,
    baseUrl,
    clock,
    dir,
    flushEvents: () => app.get(Outbox).dispatch(),
    stop,
    close: async () => {
      await stop();
      if (reuseDir) return;
      await dropDatabase(dir);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
