import Database from 'better-sqlite3';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { FaceEmbeddingJob } from '../../src/face-registry/embeddings/face-embedding.job';
import { adminLogin, register, startTestAppWithWechat, wechatLogin } from '../support/face-flows';
import { engineReady, FACE_ENGINE_ON } from '../support/face-engine-env';
import { alteredFacePhoto, facePhoto, wallPhoto } from '../support/face-photos';
import { FormClient } from '../support/form-client';
import { adminApi } from '../support/gateway-flows';
import { waitFor } from '../support/wait-for';
import { onPostgres, removeTestDir } from '../support/test-database-server';
import { sql } from '../support/test-sql';

/** Takes a database back to before the face engine's migration, as a site upgrading from the previous version has it. */
function rewindToBeforeFaceEngine(dbPath: string): void {
  const db = new Database(dbPath);
  try {
    db.exec(`DROP TABLE face_embedding; DROP TABLE hotel_face; DROP TABLE face_group; DROP INDEX IX_face_registration_photo_key;
             DELETE FROM migrations WHERE name = 'FaceEngine1764700000000';`);
  } finally {
    db.close();
  }
}

describe('embeddings of faces stored before the engine (e2e)', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'facegate-upgrade-'));
  });
  afterAll(() => removeTestDir(dir));

  // An upgrade from before the face engine exists on SQLite and SQL Server only: PostgreSQL starts from its baseline.
  (onPostgres() ? it.skip : it)('are made by the embedding job after the upgrade, and a model change makes them again', async () => {
    const before = await startTestAppWithWechat({}, dir);
    const client = new FormClient(before.baseUrl);
    const token = await wechatLogin(client, before.wechat, { openId: 'open-old' });
    await register(client, token, { name: '老王', telNo: '13700000001' }, await facePhoto('s6a'));
    await register(client, token, { name: '老王二号', telNo: '13700000002' }, await alteredFacePhoto('s6a', 500, 0.3));
    await register(client, token, { name: '老李', telNo: '13700000003' }, await facePhoto('s4b'));
    await before.close();
    rewindToBeforeFaceEngine(join(dir, 'facegate.sqlite'));

    const after = await startTestAppWithWechat(FACE_ENGINE_ON, dir);
    try {
      await engineReady(after);
      const admin = adminApi(after, await adminLogin(new FormClient(after.baseUrl)));
      const list = async () => (await admin('/api/admin/registrations')).body.items as { telNo: string; possibleDuplicates: { phone: string }[] | null }[];
      await waitFor('the embedding job', async () => (await list()).every((r) => r.possibleDuplicates !== null), 30_000);
      const byPhone = new Map((await list()).map((r) => [r.telNo, r.possibleDuplicates!.map((d) => d.phone)]));
      expect(Object.fromEntries(byPhone)).toEqual({ '13700000001': ['13700000002'], '13700000002': ['13700000001'], '13700000003': [] });

      const db = after.app.get(DataSource);
      const analysed = async () => sql(db, `SELECT subject, faces, model_version AS version FROM face_embedding ORDER BY created_at`);
      const current = (await analysed())[0].version;
      expect(await analysed()).toEqual(Array(3).fill({ subject: 'registration', faces: 1, version: current }));

      await sql(db, `UPDATE face_embedding SET model_version = '0.0.0/older-alignment'`);
      await after.app.get(FaceEmbeddingJob).run();
      expect(await analysed()).toEqual(Array(3).fill({ subject: 'registration', faces: 1, version: current }));
    } finally {
      await after.close();
    }
  });
});

describe('FACE_GATE=off with the engine on (e2e)', () => {
  it('stores a photo without a face, and marks it faceless once the job has analysed it', async () => {
    const t = await startTestAppWithWechat({ ...FACE_ENGINE_ON, FACE_GATE: 'off' });
    try {
      await engineReady(t);
      const client = new FormClient(t.baseUrl);
      const token = await wechatLogin(client, t.wechat, { openId: 'open-gate-off' });
      expect(await register(client, token, { name: '墙', telNo: '13700000020' }, await wallPhoto())).toMatchObject({ result_code: 0 });
      const db = t.app.get(DataSource);
      expect(await sql(db, 'SELECT faces, analysed_at FROM face_embedding')).toEqual([{ faces: null, analysed_at: null }]);
      await t.app.get(FaceEmbeddingJob).run();
      expect(await sql(db, 'SELECT faces, vector, problem FROM face_embedding')).toEqual([{ faces: 0, vector: null, problem: null }]);
      const admin = adminApi(t, await adminLogin(client));
      expect((await admin('/api/admin/registrations')).body.items[0].possibleDuplicates).toBeNull();
    } finally {
      await t.close();
    }
  });
});

describe('a face engine that cannot start (e2e)', () => {
  it('is reported by /health/ready, and register.do answers "try again" instead of hanging or storing', async () => {
    const t = await startTestAppWithWechat({ ...FACE_ENGINE_ON, FACE_MODELS_DIR: '/nonexistent/face-models' });
    try {
      const readiness = async () => (await (await fetch(`${t.baseUrl}/health/ready`)).json()) as { error: { faceEngine?: { state: string } } };
      await waitFor('the engine to give up', async () => (await readiness()).error.faceEngine?.state === 'failed', 20_000);
      const ready = await readiness();
      // The models load side by side: whichever is missing first is named.
      expect(ready.error.faceEngine).toMatchObject({ status: 'down', state: 'failed', detail: expect.stringMatching(/cannot read \/nonexistent\/face-models\/fr_\w+\.onnx/) });
      expect((await fetch(`${t.baseUrl}/health/ready`)).status).toBe(503);
      expect((await fetch(`${t.baseUrl}/health/live`)).status).toBe(200);
      const client = new FormClient(t.baseUrl);
      const token = await wechatLogin(client, t.wechat, { openId: 'open-x' });
      const answer = await register(client, token, { name: '王五', telNo: '13700000009' }, await facePhoto('s1a'));
      expect(answer).toMatchObject({ result_code: -5, result_msg: expect.stringContaining('the face engine could not start') });
      expect(Number((await sql(t.app.get(DataSource), 'SELECT COUNT(*) AS n FROM face_registration'))[0].n)).toBe(0);
    } finally {
      await t.close();
    }
  });
});
