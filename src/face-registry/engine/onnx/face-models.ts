import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EmbeddingModel } from '../face-engine';

/**
 * The models of faceplugin-face-recognition-js@0.0.1 (MIT), installed by
 * scripts/install-face-models.js; their SHA-256 are checked again when they load.
 */
export const MODEL_FILES = {
  detector: { file: 'fr_detect.onnx', sha256: '6c0256ccd3164f844736a401faf936ec2930764a87ae39442180887d0c5c8854' },
  landmarks: { file: 'fr_landmark.onnx', sha256: 'f10b0ba1d2a8a099adefede1ebf3733e44fe370715e7303dbeb7f59c02142258' },
  embedder: { file: 'fr_feature.onnx', sha256: '87aacdfe57510db2af90c0251df680e8eec88f122ee94712121d09bcaaaf3581' },
} as const;

export type ModelRole = keyof typeof MODEL_FILES;

/** The version names the package and this pipeline's alignment: a change to either re-embeds every face. */
export const FACEPLUGIN_MODEL: EmbeddingModel = { name: 'faceplugin-fr_feature', version: '0.0.1/align-5pt-umeyama', dimensions: 512 };

/** Reads the model files, refusing any that is missing or not the pinned one. */
export async function readModels(dir: string): Promise<Record<ModelRole, Buffer>> {
  const entries = await Promise.all(
    (Object.keys(MODEL_FILES) as ModelRole[]).map(async (role) => {
      const { file, sha256 } = MODEL_FILES[role];
      const path = join(dir, file);
      const bytes = await readFile(path).catch((error: NodeJS.ErrnoException) => {
        throw new Error(`cannot read ${path} (${error.code}); run "npm ci" or "node scripts/install-face-models.js"`);
      });
      const actual = createHash('sha256').update(bytes).digest('hex');
      if (actual !== sha256) throw new Error(`${path} is not the pinned model (sha256 ${actual})`);
      return [role, bytes] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<ModelRole, Buffer>;
}
