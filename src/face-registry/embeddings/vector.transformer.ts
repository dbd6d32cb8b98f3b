import { ValueTransformer } from 'typeorm';

/**
 * A float32 vector as base64 text (little-endian): one column type that SQLite and SQL Server
 * both hold as plain varchar, up to 8000 characters (1500 dimensions).
 */
export const VECTOR_TRANSFORMER: ValueTransformer = {
  to: (vector: Float32Array | null | undefined) =>
    vector ? Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength).toString('base64') : vector,
  from: (text: string | null) => {
    if (text === null) return null;
    const bytes = Buffer.from(text, 'base64');
    const vector = new Float32Array(bytes.length / 4);
    Buffer.from(vector.buffer).set(bytes);
    return vector;
  },
};
