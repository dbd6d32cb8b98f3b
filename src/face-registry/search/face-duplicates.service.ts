import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { FaceConfig } from '../../config/face.config';
import { FaceEmbeddings } from '../embeddings/face-embeddings.service';
import { FaceRegistration } from '../face-registration.entity';
import { FaceIndex, REGISTRATIONS } from './face-index';

export interface PossibleDuplicate {
  id: number;
  name: string;
  phone: string;
  state: number;
  /** On the spec's 0..1 scale; at least FACE_MATCH_THRESHOLD. */
  score: number;
}

/** At most this many look-alikes are named per registration. */
const LIMIT = 5;

/** "This face is already registered as 张三": other registrations (not rejected) whose face matches. Exported for admin-review. */
@Injectable()
export class FaceDuplicates {
  constructor(
    private readonly index: FaceIndex,
    private readonly embeddings: FaceEmbeddings,
    private readonly dataSource: DataSource,
    private readonly config: FaceConfig,
  ) {}

  /**
   * For each registration, the others whose face matches above the line, best first; null when
   * that cannot be told (its photo is not analysed yet or shows no face, or the index is loading).
   * One batched search serves the whole list.
   */
  async of(registrations: FaceRegistration[]): Promise<Map<number, PossibleDuplicate[] | null>> {
    const result = new Map<number, PossibleDuplicate[] | null>(registrations.map((r) => [r.id, null]));
    if (!this.index.ready || registrations.length === 0) return result;
    const vectors = await this.embeddings.vectorsOf(registrations.map((r) => r.photoKey));
    const searched = registrations.filter((r) => vectors.has(r.photoKey));
    const hits = await this.index.search([REGISTRATIONS], searched.map((r) => vectors.get(r.photoKey)!), LIMIT + 1, this.config.matchThreshold);
    const others = new Set(hits.flat().map((hit) => hit.id));
    const rows = others.size ? await this.dataSource.getRepository(FaceRegistration).findBy({ id: In([...others]) }) : [];
    const byId = new Map(rows.map((row) => [row.id, row]));
    searched.forEach((registration, i) => {
      const duplicates = hits[i]
        .filter((hit) => hit.id !== registration.id && byId.has(hit.id))
        .slice(0, LIMIT)
        .map((hit) => {
          const other = byId.get(hit.id)!;
          return { id: other.id, name: other.name, phone: other.telNo, state: other.state, score: Math.round(hit.score * 100) / 100 };
        });
      result.set(registration.id, duplicates);
    });
    return result;
  }
}
