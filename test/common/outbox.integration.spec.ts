import { Global, Injectable, Module } from '@nestjs/common';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { Test, TestingModule } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { Clock } from '../../src/common/clock/clock';
import { OnDomainEvent } from '../../src/common/outbox/on-domain-event.decorator';
import { OutboxModule } from '../../src/common/outbox/outbox.module';
import { Outbox } from '../../src/common/outbox/outbox.service';
import { LocalPeriodicWork, PeriodicWork } from '../../src/common/work/periodic-work';
import { OutboxConfig } from '../../src/config/outbox.config';
import { buildDataSourceOptions } from '../../src/database/data-source.options';
import { Metrics } from '../../src/common/metrics/metrics';
import { FaceRegistrationRejected, FaceRegistrationSubmitted } from '../../src/events';
import { TestClock } from '../support/test-clock';
import { removeTestDir } from '../support/test-database-server';
import { sql } from '../support/test-sql';
import { ENTITIES } from '../../src/app.entities';
import { testDatabaseConfig } from '../support/test-database';
import { openDataSource } from '../../src/database/database.module';
import { UnitOfWork } from '../../src/database/unit-of-work';

/** A handler that fails for chosen registrations, to watch retries and ordering. */
@Injectable()
class Recorder {
  readonly seen: string[] = [];
  readonly failing = new Set<number>();

  @OnDomainEvent(FaceRegistrationSubmitted)
  onSubmitted(event: FaceRegistrationSubmitted): void {
    if (this.failing.has(event.registrationId)) throw new Error(`handler down for #${event.registrationId}`);
    this.seen.push(`submitted:${event.registrationId}`);
  }

  @OnDomainEvent(FaceRegistrationRejected)
  onRejected(event: FaceRegistrationRejected): void {
    this.seen.push(`rejected:${event.registrationId}`);
  }
}

const submitted = (id: number) =>
  new FaceRegistrationSubmitted({ registrationId: id, openId: 'o', name: 'n', phone: 'p', state: 0, submittedAt: new Date().toISOString() });
const rejected = (id: number) => new FaceRegistrationRejected({ registrationId: id, personId: `FR${id}`, rejectedAt: new Date().toISOString() });

describe('Outbox (integration)', () => {
  let dir: string;
  let clock: TestClock;

  async function boot(): Promise<TestingModule> {
    @Module({ providers: [Recorder] })
    class RecorderModule {}
    @Global()
    @Module({
      providers: [
        { provide: Clock, useValue: clock },
        { provide: OutboxConfig, useValue: Object.assign(new OutboxConfig(), { pollMs: 3_600_000 }) },
        Metrics,
        UnitOfWork,
        { provide: PeriodicWork, useClass: LocalPeriodicWork },
      ],
      exports: [Clock, OutboxConfig, Metrics, UnitOfWork, PeriodicWork],
    })
    class PortsModule {}
    const moduleRef = await Test.createTestingModule({
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: async () => buildDataSourceOptions(await testDatabaseConfig(dir), ENTITIES),
          dataSourceFactory: (options) => openDataSource(options!),
        }),
        EventEmitterModule.forRoot(),
        PortsModule,
        OutboxModule,
        RecorderModule,
      ],
    }).compile();
    await moduleRef.init();
    return moduleRef;
  }

  const stage = async (moduleRef: TestingModule, events: [object, string][]) => {
    const outbox = moduleRef.get(Outbox);
    await moduleRef.get(UnitOfWork).run(async (manager) => {
      for (const [event, key] of events) await outbox.stage(manager, event, key);
    });
  };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'facegate-outbox-'));
    clock = new TestClock();
  });

  afterEach(() => removeTestDir(dir));

  it('retries a failing handler with backoff while later events of the same aggregate wait', async () => {
    const moduleRef = await boot();
    const recorder = moduleRef.get(Recorder);
    const outbox = moduleRef.get(Outbox);
    recorder.failing.add(1);
    await stage(moduleRef, [
      [submitted(1), 'face-registration:1'],
      [rejected(1), 'face-registration:1'],
      [submitted(2), 'face-registration:2'],
    ]);
    await outbox.dispatch();
    expect(recorder.seen).toEqual(['submitted:2']);
    const [failed] = await sql(moduleRef.get(DataSource), `SELECT attempts, last_error FROM event_outbox WHERE id = 1`);
    expect(failed).toEqual({ attempts: 1, last_error: 'handler down for #1' });

    recorder.failing.delete(1);
    await outbox.dispatch();
    expect(recorder.seen).toEqual(['submitted:2']);

    clock.advance(1000);
    await outbox.dispatch();
    expect(recorder.seen).toEqual(['submitted:2', 'submitted:1', 'rejected:1']);
    await moduleRef.close();
  });

  it('delivers after a restart what was staged but never dispatched', async () => {
    const first = await boot();
    await stage(first, [[submitted(7), 'face-registration:7']]);
    await first.close();

    const second = await boot();
    await second.get(Outbox).dispatch();
    expect(second.get(Recorder).seen).toEqual(['submitted:7']);
    await second.close();
  });

  it('refuses an event too large for the outbox column', async () => {
    const moduleRef = await boot();
    const huge = new FaceRegistrationRejected({ registrationId: 1, personId: 'x'.repeat(5000), rejectedAt: '' });
    await expect(stage(moduleRef, [[huge, 'k']])).rejects.toThrow(/the outbox holds 4000/);
    await moduleRef.close();
  });
});
