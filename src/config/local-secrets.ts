import { randomBytes } from 'node:crypto';
import { chmodSync, linkSync, mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The secrets a machine outside production keeps for itself when the environment gives none. */
export interface LocalSecrets {
  jwtSecret: string;
  dataSecretKey: string;
  /** Where they are kept. */
  file: string;
  /** Things worth a warning (a file others could read, now made private). */
  warnings: string[];
}

const FILE_NAME = 'secrets.json';
const OWNER_ONLY = 0o600;

function parse(file: string): LocalSecrets {
  const stored = JSON.parse(readFileSync(file, 'utf8')) as Partial<LocalSecrets>;
  if (typeof stored.jwtSecret !== 'string' || !/^[0-9a-f]{64}$/.test(stored.dataSecretKey ?? '')) {
    throw new Error(`${file} is not a FaceGate secrets file: set JWT_SECRET and DATA_SECRET_KEY, or remove it to have new ones made`);
  }
  return { jwtSecret: stored.jwtSecret, dataSecretKey: stored.dataSecretKey!, file, warnings: [] };
}

/**
 * Reads the secrets kept in `dir`, or makes them on the first start: random, written once to a
 * file only its owner may read (made under another name, then linked into place, so two processes
 * starting at once agree on one and a crash never leaves half a file).
 */
export function localSecrets(dir: string): LocalSecrets {
  const file = join(dir, FILE_NAME);
  mkdirSync(dir, { recursive: true });
  try {
    const secrets = parse(file);
    if ((statSync(file).mode & 0o077) !== 0 && process.platform !== 'win32') {
      chmodSync(file, OWNER_ONLY);
      secrets.warnings.push(`${file} could be read by other users of this machine: it is now readable by its owner only`);
    }
    return secrets;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(draft, JSON.stringify({ jwtSecret: randomBytes(32).toString('hex'), dataSecretKey: randomBytes(32).toString('hex') }), { mode: OWNER_ONLY });
  try {
    linkSync(draft, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(draft);
  }
  return parse(file);
}
