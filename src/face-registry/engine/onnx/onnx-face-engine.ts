import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { extname, join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { InvalidInputError, UnavailableError } from '../../../common/errors/domain-errors';
import { startWorker } from '../../../common/work/start-worker';
import { FaceConfig } from '../../../config/face.config';
import { AnalysedFace, EngineReadiness, EngineState, FaceEngine } from '../face-engine';
import { FACEPLUGIN_MODEL } from './face-models';
import { facepluginScore } from './faceplugin-calibration';
import { WorkerMessage } from './worker-messages';

/** Images waiting per worker before callers are told to come back: a flood queues no further. */
const QUEUE_PER_WORKER = 8;
/** An image that takes this long has hung its worker, which is replaced. */
const JOB_TIMEOUT_MS = 30_000;
const RESPAWN_MIN_MS = 1000;
const RESPAWN_MAX_MS = 30_000;

interface Job {
  id: number;
  bytes: Uint8Array;
  resolve: (faces: AnalysedFace[]) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  /** Its models could not load: restarting it would fail the same way. */
  broken: boolean;
  job?: Job;
  timer?: NodeJS.Timeout;
}

/**
 * The faceplugin models on ONNX Runtime, in a pool of worker threads so that inference never
 * blocks the event loop. Workers load and warm up in the background; until one is ready, and
 * when the queue is full, callers get UnavailableError ("try again").
 */
@Injectable()
export class OnnxFaceEngine extends FaceEngine implements OnModuleInit, OnApplicationShutdown {
  readonly model = FACEPLUGIN_MODEL;
  private readonly logger = new Logger('FaceEngine');
  private readonly slots = new Set<Slot>();
  private readonly queue: Job[] = [];
  private readonly workerFile = join(__dirname, `face-analysis.worker${extname(__filename)}`);
  private state: EngineState = 'loading';
  private failure?: string;
  private nextId = 1;
  private respawnDelay = RESPAWN_MIN_MS;
  private readonly readyWaiters: (() => void)[] = [];
  private stopped = false;

  constructor(private readonly config: FaceConfig) {
    super();
  }

  onModuleInit(): void {
    this.logger.log(`loading ${this.model.name} ${this.model.version} in ${this.config.workers} worker(s) from ${this.config.modelsDir}`);
    for (let i = 0; i < this.config.workers; i++) this.spawn();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    for (const job of this.queue.splice(0)) job.reject(new UnavailableError('the service is shutting down', 5));
    await Promise.all([...this.slots].map((slot) => slot.worker.terminate()));
  }

  readiness(): EngineReadiness {
    const ready = [...this.slots].filter((slot) => slot.ready).length;
    if (this.state === 'failed') return { state: 'failed', detail: this.failure };
    return { state: this.state, detail: `${ready} of ${this.config.workers} workers ready, ${this.queue.length} images waiting` };
  }

  whenReady(): Promise<void> {
    return this.state === 'ready' ? Promise.resolve() : new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  score(cosine: number): number {
    return facepluginScore(cosine);
  }

  analyse(image: Buffer): Promise<AnalysedFace[]> {
    if (this.state === 'failed') return Promise.reject(new UnavailableError(`the face engine could not start: ${this.failure}`, 60));
    if (this.state === 'loading') return Promise.reject(new UnavailableError('the face engine is still loading its models; try again in a few seconds', 5));
    if (this.queue.length >= QUEUE_PER_WORKER * this.config.workers) {
      return Promise.reject(new UnavailableError('the face engine is busy; try again in a moment', 2));
    }
    return new Promise((resolvePromise, reject) => {
      this.queue.push({ id: this.nextId++, bytes: Uint8Array.from(image), resolve: resolvePromise, reject });
      this.pump();
    });
  }

  private spawn(): void {
    const slot: Slot = { worker: startWorker(this.workerFile, { modelsDir: resolve(this.config.modelsDir) }), ready: false, broken: false };
    this.slots.add(slot);
    slot.worker.on('message', (message: WorkerMessage) => this.onMessage(slot, message));
    slot.worker.on('error', (error) => this.logger.error(`an engine worker failed: ${error.message}`, error.stack));
    slot.worker.on('exit', () => this.onExit(slot));
  }

  private onMessage(slot: Slot, message: WorkerMessage): void {
    switch (message.type) {
      case 'ready':
        slot.ready = true;
        this.respawnDelay = RESPAWN_MIN_MS;
        if (this.state !== 'ready') this.logger.log(`face engine ready: models loaded and warmed up in ${Math.round(message.loadMs)} ms`);
        this.state = 'ready';
        for (const resolve of this.readyWaiters.splice(0)) resolve();
        this.pump();
        return;
      case 'failed':
        slot.broken = true;
        this.failure = message.message;
        if (![...this.slots].some((s) => s.ready)) this.state = 'failed';
        this.logger.error(`the face engine cannot load its models: ${message.message}`);
        void slot.worker.terminate();
        return;
      default:
        this.finish(slot, message);
    }
  }

  private finish(slot: Slot, message: Extract<WorkerMessage, { id: number }>): void {
    const job = slot.job;
    if (!job || job.id !== message.id) return;
    clearTimeout(slot.timer);
    slot.job = undefined;
    if (message.type === 'faces') {
      job.resolve(message.faces.map((face) => ({ ...face, embedding: new Float32Array(face.embedding) })));
    } else if (message.undecodable) {
      job.reject(new InvalidInputError(message.message));
    } else {
      job.reject(new Error(`the face engine failed: ${message.message}`));
    }
    this.pump();
  }

  private onExit(slot: Slot): void {
    clearTimeout(slot.timer);
    this.slots.delete(slot);
    slot.job?.reject(new UnavailableError('the face engine restarted while analysing this image; try again', 2));
    if (this.stopped || slot.broken) return;
    this.logger.warn(`an engine worker stopped; starting another in ${this.respawnDelay} ms`);
    if (![...this.slots].some((s) => s.ready)) this.state = 'loading';
    setTimeout(() => this.stopped || this.spawn(), this.respawnDelay).unref();
    this.respawnDelay = Math.min(this.respawnDelay * 2, RESPAWN_MAX_MS);
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (!slot.ready || slot.job) continue;
      const job = this.queue.shift()!;
      slot.job = job;
      slot.timer = setTimeout(() => {
        this.logger.error(`an engine worker took over ${JOB_TIMEOUT_MS} ms on one image; replacing it`);
        void slot.worker.terminate();
      }, JOB_TIMEOUT_MS);
      slot.worker.postMessage({ id: job.id, bytes: job.bytes }, [job.bytes.buffer as ArrayBuffer]);
    }
  }
}
