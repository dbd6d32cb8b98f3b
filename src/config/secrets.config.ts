import { IsOptional, Matches } from 'class-validator';
import { Env } from './env.decorator';

const KEY_FORMAT = /^([0-9a-fA-F]{64}|[A-Za-z0-9+/]{43}=)$/;
const KEY_MESSAGE = 'must be a 32-byte key: 64 hex characters or 44 base64 characters (openssl rand -base64 32)';

/** Encrypts the secrets FaceGate must store (terminal passwords, the visitor system's koala password). */
export class SecretsConfig {
  /** Required in production (see loadConfiguration). */
  @Env('DATA_SECRET_KEY', { secret: true })
  @IsOptional()
  @Matches(KEY_FORMAT, { message: `DATA_SECRET_KEY ${KEY_MESSAGE}` })
  key?: string;

  /** The key before the last rotation, still accepted for reading. */
  @Env('DATA_SECRET_KEY_PREVIOUS', { secret: true })
  @IsOptional()
  @Matches(KEY_FORMAT, { message: `DATA_SECRET_KEY_PREVIOUS ${KEY_MESSAGE}` })
  previousKey?: string;

  /** A key that only opens values sealed long ago (never seals, signs or verifies); set by loadConfiguration. */
  retiredKey?: string;
}
