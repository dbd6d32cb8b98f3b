import { availableParallelism } from 'node:os';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsNumber, Max, Min } from 'class-validator';
import { Env } from './env.decorator';

export const FACE_ENGINES = ['onnx', 'off'] as const;

/** The face engine, the quality gate on stored photos and the match line of face searches. */
export class FaceConfig {
  /** `off` runs without an engine: no gate, no duplicate warning, hotel face APIs answer "try again". */
  @Env('FACE_ENGINE')
  @IsIn(FACE_ENGINES)
  engine: (typeof FACE_ENGINES)[number] = 'onnx';

  /** Inference threads; each holds its own copy of the models (about 100 MB). */
  @Env('FACE_ENGINE_WORKERS')
  @IsInt()
  @Min(1)
  @Max(64)
  workers = Math.max(1, availableParallelism() - 1);

  /** Where `npm ci` put the models (scripts/install-face-models.js). */
  @Env('FACE_MODELS_DIR')
  @IsNotEmpty()
  modelsDir = 'models/faceplugin-0.0.1';

  /** Refuse stored photos (registrations, visitors, hotel faces) with no face, several faces or a small face. */
  @Env('FACE_GATE')
  @IsBoolean()
  gate = true;

  /** Smallest distance between the eyes' centres, in pixels of the stored photo. */
  @Env('FACE_MIN_SIZE_PX')
  @IsInt()
  @Min(10)
  @Max(1000)
  minSizePx = 80;

  /** The match line on the spec's 0..1 similarity scale. */
  @Env('FACE_MATCH_THRESHOLD')
  @IsNumber()
  @Min(0.5)
  @Max(1)
  matchThreshold = 0.8;

  /** Face register, find and verify calls one hotel account may make in a minute (each costs about 0.1 s of a core). */
  @Env('FACE_REQUESTS_PER_ACCOUNT_PER_MINUTE')
  @IsInt()
  @Min(1)
  @Max(100_000)
  requestsPerAccountPerMinute = 30;

  /**
   * Reserve the hotel API's face find (which names the people it recognises) to hotel
   * administrators. Stricter than the spec, which lets any user call it: off by default.
   */
  @Env('FACE_FIND_ADMIN_ONLY')
  @IsBoolean()
  findAdminOnly = false;

  /** How often the embedding job looks for stored faces without a current embedding. */
  @Env('FACE_EMBED_SECONDS')
  @IsInt()
  @Min(1)
  @Max(86400)
  embedSeconds = 60;
}
