import { Logger } from '@nestjs/common';
import Database from 'better-sqlite3';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as ort from 'onnxruntime-node';
import sharp from 'sharp';
import { FaceConfig } from '../../src/config/face.config';
import { AnalysedFace } from '../../src/face-registry/engine/face-engine';
import { matmulModel } from '../../src/face-registry/search/matmul-model';
import { VectorGroup } from '../../src/face-registry/search/vector-group';
import { BuiltService } from '../../test/support/built-service';
import { alteredFacePhoto, facePhoto, groupPhoto, PEOPLE, Person } from '../../test/support/face-photos';
import { random } from '../../test/support/seeded-random';
import { seedPendingRegistrations } from '../../test/support/seed-registrations';
import { rssMb } from '../../test/support/service-process';
import { workDir } from '../lib/app-under-test';
import { send } from '../lib/http-client';
import { openLoop } from '../lib/open-loop';
import { runScenarios } from '../lib/run-scenarios';
import { sqliteDate } from '../lib/seed-data';
import { median, percentile, summarise } from '../lib/stats';

const round2 = (n: number) => Math.round(n * 100) / 100;
const elapsed = async (work: () => Promise<unknown>) => {
  const start = performance.now();
  await work();
  return performance.now() - start;
};

/** One face in a 640×480 photo, as a camera at a desk takes it. */
async function deskPhoto(person: Person = 's1a'): Promise<Buffer> {
  const face = await sharp(await facePhoto(person, 300, 0.5)).resize(260).toBuffer();
  return sharp({ create: { width: 640, height: 480, channels: 3, background: '#8a8f96' } })
    .composite([{ input: face, left: 190, top: 70 }])
    .jpeg({ quality: 90 })
    .toBuffer();
}

/** The built engine (dist/), as production runs it: its workers load compiled code. */
const { OnnxFaceEngine } = require(resolve(__dirname, '..', '..', 'dist', 'face-registry', 'engine', 'onnx', 'onnx-face-engine')) as typeof import('../../src/face-registry/engine/onnx/onnx-face-engine');
type OnnxFaceEngine = InstanceType<typeof OnnxFaceEngine>;

async function startedEngine(workers = 1): Promise<{ engine: OnnxFaceEngine; loadMs: number }> {
  const engine = new OnnxFaceEngine(Object.assign(new FaceConfig(), { workers }));
  const loadMs = await elapsed(async () => {
    engine.onModuleInit();
    await engine.whenReady();
  });
  return { engine, loadMs: Math.round(loadMs) };
}

/** Detect + embed of one 640×480 photo, warm; model load time; what the engine adds to RSS. */
async function engine() {
  const rssBefore = process.memoryUsage().rss;
  const { engine: e, loadMs } = await startedEngine();
  const rssLoaded = process.memoryUsage().rss;
  const photo = await deskPhoto();
  const faces = await e.analyse(photo);
  if (faces.length !== 1) throw new Error(`the 640×480 photo should show one face, the engine found ${faces.length}`);
  for (let i = 0; i < 10; i++) await e.analyse(photo);
  const times: number[] = [];
  for (let i = 0; i < 60; i++) times.push(await elapsed(() => e.analyse(photo)));
  const group: number[] = [];
  for (let i = 0; i < 10; i++) group.push(await elapsed(() => e.analyse(groupPhoto(5))));
  const rssAfter = process.memoryUsage().rss;
  await e.onApplicationShutdown();
  const sorted = [...times].sort((a, b) => a - b);
  return {
    modelLoadAndWarmUpMs: loadMs,
    onePhoto640x480: { medianMs: round2(median(times)), p95Ms: round2(percentile(sorted, 95)), runs: times.length },
    groupPhotoOf5FacesMedianMs: round2(median(group)),
    rssMb: { before: Math.round(rssBefore / 2 ** 20), modelsLoaded: Math.round(rssLoaded / 2 ** 20), afterRuns: Math.round(rssAfter / 2 ** 20) },
  };
}

/** Genuine pairs (each person against altered photos of themselves, and across photos) and impostors, on the engine's cosine. */
async function calibration() {
  const { engine: e } = await startedEngine();
  const embed = async (photo: Buffer | Promise<Buffer>): Promise<AnalysedFace | undefined> => (await e.analyse(await photo))[0];
  const people = Object.keys(PEOPLE) as Person[];
  const variants: [string, (p: Person) => Promise<Buffer>][] = [
    ['mirrored, 300 px, JPEG 60', (p) => alteredFacePhoto(p)],
    ['scaled to 200 px', (p) => facePhoto(p, 200)],
    ['upscaled to 900 px', (p) => facePhoto(p, 900)],
    ['brighter', async (p) => sharp(await facePhoto(p)).modulate({ brightness: 1.3 }).toBuffer()],
    ['rotated 10°', async (p) => sharp(await facePhoto(p)).rotate(10, { background: '#808080' }).toBuffer()],
    ['wider crop', (p) => facePhoto(p, 500, 0.8)],
  ];
  const originals = new Map<Person, Float32Array>();
  for (const person of people) originals.set(person, (await embed(facePhoto(person)))!.embedding);
  const genuine: number[] = [];
  const missed: string[] = [];
  for (const person of people) {
    for (const [name, make] of variants) {
      const face = await embed(make(person));
      if (!face) missed.push(`${person} ${name}`);
      else genuine.push(e.cosine(originals.get(person)!, face.embedding));
    }
  }
  // s1a and s3a are the same woman in two photos: the one cross-photo genuine pair of the set.
  const samePerson = new Set(['s1a~s3a']);
  const crossPhoto = e.cosine(originals.get('s1a')!, originals.get('s3a')!);
  const impostor: number[] = [];
  for (let i = 0; i < people.length; i++) {
    for (let j = i + 1; j < people.length; j++) {
      if (!samePerson.has(`${people[i]}~${people[j]}`)) impostor.push(e.cosine(originals.get(people[i])!, originals.get(people[j])!));
    }
  }
  for (let sample = 1; sample <= 6; sample++) {
    const faces = await e.analyse(groupPhoto(sample));
    for (let i = 0; i < faces.length; i++) for (let j = i + 1; j < faces.length; j++) impostor.push(e.cosine(faces[i].embedding, faces[j].embedding));
  }
  await e.onApplicationShutdown();
  const line = new FaceConfig().matchThreshold;
  const describe = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return { pairs: values.length, min: round2(sorted[0]), p1: round2(percentile(sorted, 1)), median: round2(median(sorted)), p99: round2(percentile(sorted, 99)), max: round2(sorted[sorted.length - 1]) };
  };
  return {
    genuineSamePhotoAltered: describe(genuine),
    genuineAcrossPhotos: { pair: 's1a~s3a', cosine: round2(crossPhoto), score: round2(e.score(crossPhoto)) },
    impostor: describe(impostor),
    atTheLine: {
      line,
      falseRejects: genuine.filter((c) => e.score(c) < line).length + (e.score(crossPhoto) < line ? 1 : 0),
      falseAccepts: impostor.filter((c) => e.score(c) >= line).length,
      undetectedVariants: missed,
    },
  };
}

/** 1:N search over synthetic unit vectors, against how fast this machine can merely read them. */
async function search() {
  const dimensions = 512;
  const next = random(42);
  const vector = () => {
    const v = Float32Array.from({ length: dimensions }, () => next() - 0.5);
    const norm = Math.hypot(...v);
    return v.map((x) => x / norm);
  };
  const results: Record<string, unknown> = {};
  for (const threads of [1, 2]) {
    const session = await ort.InferenceSession.create(matmulModel(dimensions), { intraOpNumThreads: threads, interOpNumThreads: 1 });
    for (const size of [10_000, 100_000]) {
      const group = new VectorGroup(dimensions, session);
      for (let id = 1; id <= size; id++) group.set(id, vector());
      const queries = Array.from({ length: 20 }, vector);
      for (const q of queries.slice(0, 5)) await group.search([q], 1, 0.5);
      const times: number[] = [];
      for (let i = 0; i < 200; i++) times.push(await elapsed(() => group.search([queries[i % queries.length]], 1, 0.5)));
      const batch = await elapsed(() => group.search(queries, 6, 0.5));
      results[`${size} faces, ${threads} thread(s)`] = { ...summarise(times, 0), twentyQueriesAtOnceMs: round2(batch) };
    }
  }
  const bytes = Buffer.alloc(100_000 * dimensions * 4, 1);
  const reads: number[] = [];
  for (let i = 0; i < 10; i++) reads.push(await elapsed(async () => bytes.indexOf(7)));
  const readMs = median(reads);
  results.memoryFloor = { bytes: bytes.length, readOnceMs: round2(readMs), gigabytesPerSecond: round2(bytes.length / 1e9 / (readMs / 1000)) };
  return results;
}

/** The event loop and getfaces.do of the built service while 4 images are analysed at once. */
async function underLoad() {
  const { dir, dbPath, storageDir } = workDir('face');
  await seedPendingRegistrations(dbPath, storageDir, 20_000, 64);
  const token = randomBytes(16).toString('hex');
  const db = new Database(dbPath);
  const now = Date.now();
  const account = db
    .prepare(`INSERT INTO hotel_account (username, password_hash, nickname, email, role, real_name_id, face_bound, portrait_key, created_at, updated_at) VALUES ('13800000000', NULL, NULL, NULL, 'user', NULL, 0, NULL, ?, ?)`)
    .run(sqliteDate(now), sqliteDate(now));
  db.prepare('INSERT INTO hotel_token (token_hash, account_id, enduring, expires_at, created_at) VALUES (?, ?, 1, NULL, ?)').run(
    createHash('sha256').update(token).digest('hex'),
    account.lastInsertRowid,
    sqliteDate(now),
  );
  db.close();

  const loopFile = join(dir, 'loop-delay.json');
  const main = resolve(__dirname, '..', '..', 'dist', 'main.js');
  const service = new BuiltService(dir, { FACE_ENGINE: 'onnx', FACE_REQUESTS_PER_ACCOUNT_PER_MINUTE: '100000', LOOP_DELAY_FILE: loopFile }, ['-r', join(__dirname, 'loop-monitor.js'), main]);
  await service.start();
  try {
    for (let tries = 0; (await send(`${service.base}/health/ready`)).status !== 200; tries++) {
      if (tries > 300) throw new Error('the engine did not get ready');
      await new Promise((r) => setTimeout(r, 100));
    }
    const admin = await service.adminToken();
    const loopDelay = async () => {
      process.kill(service.process!.pid!, 'SIGUSR2');
      await new Promise((r) => setTimeout(r, 200));
      return JSON.parse(readFileSync(loopFile, 'utf8'));
    };
    const getfaces = async () => (await service.doCall('/SkyFaceRegister/getfaces.do', { accessToken: admin, state: -1, pageSize: 20, pageNum: 1 })).result_code === 0;
    const body = JSON.stringify({ id: 1, type: 'face', subtype: 'find', data: { base64: (await deskPhoto()).toString('base64') } });
    const find = () => send(`${service.base}/api/face/?token=${token}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

    await openLoop(200, 3000, getfaces);
    await loopDelay();
    const quiet = await openLoop(200, 10_000, getfaces);
    const quietLoop = await loopDelay();

    let stop = false;
    const findTimes: number[] = [];
    const failures: string[] = [];
    const analysers = Array.from({ length: 4 }, async () => {
      while (!stop) {
        const start = performance.now();
        const answer = await find();
        if (answer.body.includes('"status":0')) findTimes.push(performance.now() - start);
        else failures.push(answer.body.slice(0, 200));
      }
    });
    await new Promise((r) => setTimeout(r, 2000));
    await loopDelay();
    const rounds = [];
    for (let round = 0; round < 3; round++) {
      const started = findTimes.length;
      const latency = await openLoop(200, 10_000, getfaces);
      rounds.push({ getfaces: latency, loop: await loopDelay(), imagesAnalysed: findTimes.length - started });
    }
    stop = true;
    await Promise.all(analysers);
    return {
      quiet: { getfaces: quiet, loop: quietLoop },
      whileFourImagesAreAnalysed: rounds,
      findMedianMs: round2(median(findTimes)),
      findFailures: failures.slice(0, 3),
      serviceRssMb: rssMb(service.process!.pid!),
    };
  } finally {
    await service.stop();
  }
}

Logger.overrideLogger(['error']);
runScenarios('face', { engine, calibration, search, underLoad });
