import { Logger } from '@nestjs/common';
import { FaceConfig } from '../../../config/face.config';
import { InvalidInputError, UnavailableError } from '../../../common/errors/domain-errors';
import { alteredFacePhoto, FACES_IN_SAMPLE, facePhoto, groupPhoto, PEOPLE, Person, twoFacePhoto, wallPhoto } from '../../../../test/support/face-photos';
import { eyeDistance } from '../face-engine';
import { OnnxFaceEngine } from './onnx-face-engine';

Logger.overrideLogger(false);

async function started(config: Partial<FaceConfig> = {}): Promise<OnnxFaceEngine> {
  const engine = new OnnxFaceEngine(Object.assign(new FaceConfig(), { workers: 1 }, config));
  engine.onModuleInit();
  const deadline = Date.now() + 20_000;
  while (engine.readiness().state === 'loading' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  return engine;
}

describe('OnnxFaceEngine (the faceplugin models on ONNX Runtime, one worker)', () => {
  let engine: OnnxFaceEngine;
  const line = new FaceConfig().matchThreshold;

  beforeAll(async () => {
    engine = await started();
  });
  afterAll(() => engine.onApplicationShutdown());

  it('is ready once its worker has loaded the models', () => {
    expect(engine.readiness()).toEqual({ state: 'ready', detail: '1 of 1 workers ready, 0 images waiting' });
  });

  it('counts the faces in each group photo', async () => {
    for (const [sample, count] of Object.entries(FACES_IN_SAMPLE)) {
      const faces = await engine.analyse(groupPhoto(Number(sample)));
      expect({ sample, faces: faces.length }).toEqual({ sample, faces: count });
    }
  });

  it('finds one face, with a box around its landmarks, in a crop of one person', async () => {
    const faces = await engine.analyse(await facePhoto('s1a'));
    expect(faces).toHaveLength(1);
    const [{ box, landmarks, score, embedding }] = faces;
    expect(score).toBeGreaterThan(0.9);
    for (const [x, y] of landmarks) {
      expect(x).toBeGreaterThan(box[0]);
      expect(x).toBeLessThan(box[2]);
      expect(y).toBeGreaterThan(box[1]);
      expect(y).toBeLessThan(box[3]);
    }
    expect(eyeDistance(faces[0])).toBeGreaterThan(80);
    expect(embedding).toHaveLength(512);
    expect(engine.cosine(embedding, embedding)).toBeCloseTo(1, 5);
  });

  it('matches each face with itself mirrored, scaled and re-encoded above the line', async () => {
    for (const person of Object.keys(PEOPLE) as Person[]) {
      const [original] = await engine.analyse(await facePhoto(person));
      const altered = await engine.analyse(await alteredFacePhoto(person));
      expect(altered).toHaveLength(1);
      expect({ person, match: engine.compare(original.embedding, altered[0].embedding) >= line }).toEqual({ person, match: true });
    }
  });

  it('keeps different people from the same photo below the line', async () => {
    for (const sample of [1, 3, 4, 5, 6]) {
      const faces = await engine.analyse(groupPhoto(sample));
      for (let i = 0; i < faces.length; i++) {
        for (let j = i + 1; j < faces.length; j++) {
          expect(engine.compare(faces[i].embedding, faces[j].embedding)).toBeLessThan(line);
        }
      }
    }
  });

  it('lists faces largest first and reports their boxes in the pixels of the image it was given', async () => {
    const faces = await engine.analyse(await twoFacePhoto('s1a', 's6c'));
    expect(faces).toHaveLength(2);
    const area = (i: number) => (faces[i].box[2] - faces[i].box[0]) * (faces[i].box[3] - faces[i].box[1]);
    expect(area(0)).toBeGreaterThanOrEqual(area(1));
    expect(Math.max(...faces.map((f) => f.box[2]))).toBeLessThanOrEqual(600);
  });

  it('finds no face on a wall and refuses bytes that are not an image', async () => {
    expect(await engine.analyse(await wallPhoto())).toEqual([]);
    await expect(engine.analyse(Buffer.from('not an image at all'))).rejects.toBeInstanceOf(InvalidInputError);
  });

  it('tells callers to come back when more images wait than it queues', async () => {
    const photo = groupPhoto(5);
    const outcomes = await Promise.allSettled(Array.from({ length: 12 }, () => engine.analyse(photo)));
    const refused = outcomes.filter((o) => o.status === 'rejected');
    expect(outcomes.filter((o) => o.status === 'fulfilled').length).toBeGreaterThanOrEqual(8);
    expect(refused.length).toBeGreaterThan(0);
    for (const outcome of refused) expect((outcome as PromiseRejectedResult).reason).toBeInstanceOf(UnavailableError);
  });
});

describe('OnnxFaceEngine before and without its models', () => {
  it('answers "try again" while it loads', async () => {
    const engine = new OnnxFaceEngine(Object.assign(new FaceConfig(), { workers: 1 }));
    engine.onModuleInit();
    try {
      expect(engine.readiness().state).toBe('loading');
      await expect(engine.analyse(await wallPhoto())).rejects.toThrow(/still loading/);
    } finally {
      await engine.onApplicationShutdown();
    }
  });

  it('reports a missing model as a failure instead of retrying for ever', async () => {
    const engine = await started({ modelsDir: '/nonexistent/models' });
    try {
      expect(engine.readiness()).toEqual({ state: 'failed', detail: expect.stringContaining('/nonexistent/models/fr_detect.onnx') });
      await expect(engine.analyse(await wallPhoto())).rejects.toBeInstanceOf(UnavailableError);
    } finally {
      await engine.onApplicationShutdown();
    }
  });
});
