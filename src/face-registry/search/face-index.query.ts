import { Injectable } from '@nestjs/common';
import { DataSource, SelectQueryBuilder } from 'typeorm';
import { FaceEngine } from '../engine/face-engine';
import { FaceEmbedding } from '../embeddings/face-embedding.entity';
import { VECTOR_TRANSFORMER } from '../embeddings/vector.transformer';
import { FaceRegistrationState } from '../face-registration-state';
import { FaceRegistration } from '../face-registration.entity';
import { HotelFace } from '../groups/hotel-face.entity';
import { hotelGroup, REGISTRATIONS } from './face-index';

/** A face as the index holds it; `vector` null means it must not be in its group. */
export interface IndexEntry {
  group: string;
  id: number;
  vector: Float32Array | null;
}

/** Registrations that may be duplicated: not rejected. */
const INDEXED_STATES = [FaceRegistrationState.Pending, FaceRegistrationState.Approved, FaceRegistrationState.Processed];

/** Reads what the index should hold from the registrations, hotel faces and their embeddings. */
@Injectable()
export class FaceIndexQuery {
  constructor(
    private readonly dataSource: DataSource,
    private readonly engine: FaceEngine,
  ) {}

  /** Indexable registrations after `afterId`, by id. */
  async registrationPage(afterId: number, limit: number): Promise<IndexEntry[]> {
    const rows = await this.registrations()
      .andWhere('r.id > :afterId', { afterId })
      .andWhere('r.state IN (:...states)', { states: INDEXED_STATES })
      .andWhere('e.vector IS NOT NULL')
      .orderBy('r.id')
      .limit(limit)
      .getRawMany<{ id: number; vector: string; state: number }>();
    return rows.map((row) => this.registrationEntry(row));
  }

  /** Hotel faces with an embedding after `afterId`, by id. */
  async hotelPage(afterId: number, limit: number): Promise<IndexEntry[]> {
    const rows = await this.hotelFaces()
      .andWhere('h.id > :afterId', { afterId })
      .andWhere('e.vector IS NOT NULL')
      .orderBy('h.id')
      .limit(limit)
      .getRawMany<{ id: number; groupId: number; vector: string }>();
    return rows.map((row) => this.hotelEntry(row));
  }

  /** Where registration `id` belongs now (vector null: nowhere, e.g. rejected or deleted). */
  async registration(id: number): Promise<IndexEntry> {
    const row = await this.registrations().andWhere('r.id = :id', { id }).getRawOne<{ id: number; vector: string | null; state: number }>();
    return row ? this.registrationEntry(row) : { group: REGISTRATIONS, id, vector: null };
  }

  async hotelFace(id: number, groupId: number): Promise<IndexEntry> {
    const row = await this.hotelFaces().andWhere('h.id = :id', { id }).getRawOne<{ id: number; groupId: number; vector: string | null }>();
    return row ? this.hotelEntry(row) : { group: hotelGroup(groupId), id, vector: null };
  }

  /** The entries whose photo this is (the embedding job filled it in). */
  async byPhoto(photoKey: string): Promise<IndexEntry[]> {
    const registrations = await this.registrations().andWhere('r.photo_key = :photoKey', { photoKey }).getRawMany<{ id: number; vector: string | null; state: number }>();
    const hotel = await this.hotelFaces().andWhere('h.photo_key = :photoKey', { photoKey }).getRawMany<{ id: number; groupId: number; vector: string | null }>();
    return [...registrations.map((row) => this.registrationEntry(row)), ...hotel.map((row) => this.hotelEntry(row))];
  }

  private registrations(): SelectQueryBuilder<FaceRegistration> {
    return this.withEmbedding(this.dataSource.getRepository(FaceRegistration).createQueryBuilder('r').select('r.id', 'id').addSelect('r.state', 'state'), 'r');
  }

  private hotelFaces(): SelectQueryBuilder<HotelFace> {
    return this.withEmbedding(this.dataSource.getRepository(HotelFace).createQueryBuilder('h').select('h.id', 'id').addSelect('h.group_id', 'groupId'), 'h');
  }

  /** Joins the photo's embedding by the current model (none for an older model). */
  private withEmbedding<T extends object>(query: SelectQueryBuilder<T>, alias: string): SelectQueryBuilder<T> {
    return query
      .addSelect('e.vector', 'vector')
      .leftJoin(FaceEmbedding, 'e', `e.photo_key = ${alias}.photo_key AND e.model = :model AND e.model_version = :version`, {
        model: this.engine.model.name,
        version: this.engine.model.version,
      })
      .where('1 = 1');
  }

  private registrationEntry(row: { id: number; vector: string | null; state: number }): IndexEntry {
    const indexed = INDEXED_STATES.includes(Number(row.state));
    return { group: REGISTRATIONS, id: Number(row.id), vector: indexed ? VECTOR_TRANSFORMER.from(row.vector) : null };
  }

  private hotelEntry(row: { id: number; groupId: number; vector: string | null }): IndexEntry {
    return { group: hotelGroup(Number(row.groupId)), id: Number(row.id), vector: VECTOR_TRANSFORMER.from(row.vector) };
  }
}
