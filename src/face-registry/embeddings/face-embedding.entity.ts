import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { VECTOR_TRANSFORMER } from './vector.transformer';

/**
 * The embedding of one stored face photo (registration, visitor or hotel face), keyed by the
 * photo's storage key. A row with no model yet waits for the embedding job; so does one of an
 * older model version.
 */
@Entity('face_embedding')
@Index('IX_face_embedding_model', ['modelVersion', 'createdAt'])
export class FaceEmbedding {
  @PrimaryColumn({ type: String, length: 200 })
  photoKey: string;

  /** What the photo is of: `registration`, `visitor` or `hotel`. */
  @Column({ type: String, length: 20 })
  subject: string;

  @Column({ type: String, length: 64, nullable: true })
  model: string | null;

  @Column({ type: String, length: 64, nullable: true })
  modelVersion: string | null;

  /** Faces the engine found in the photo; the embedding is of the largest. */
  @Column({ type: Number, nullable: true })
  faces: number | null;

  /** L2-normalised; null when the photo shows no face. */
  @Column({ type: 'varchar', length: 8000, nullable: true, transformer: VECTOR_TRANSFORMER })
  vector: Float32Array | null;

  /** Why the photo could not be analysed (missing file, undecodable). */
  @Column({ type: String, length: 300, nullable: true })
  problem: string | null;

  @Column({ type: Date })
  createdAt: Date;

  @Column({ type: Date, nullable: true })
  analysedAt: Date | null;
}
