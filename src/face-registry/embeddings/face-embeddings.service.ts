import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, IsNull, Not, Repository } from 'typeorm';
import { inListChunks } from '../../database/in-list-chunks';
import { AnalysedFace, FaceEngine } from '../engine/face-engine';
import { FaceEmbedding } from './face-embedding.entity';

/** What a stored face photo is of. */
export type FaceSubject = 'registration' | 'visitor' | 'hotel';

/** The embedding rows of stored photos: written with the photo, filled in by the embedding job when they wait. */
@Injectable()
export class FaceEmbeddings {
  constructor(
    @InjectRepository(FaceEmbedding) private readonly rows: Repository<FaceEmbedding>,
    private readonly engine: FaceEngine,
  ) {}

  /** A newly stored photo, with its analysis when the gate made one (else it waits for the job). */
  async add(photoKey: string, subject: FaceSubject, faces: AnalysedFace[] | null, now: Date): Promise<void> {
    await this.rows.insert({ photoKey, subject, createdAt: now, ...this.analysis(faces, null, now) });
  }

  /** Stores what the engine found in a waiting photo, or why it could not look. */
  async complete(photoKey: string, faces: AnalysedFace[] | null, problem: string | null, now: Date): Promise<void> {
    await this.rows.update({ photoKey }, this.analysis(faces, problem, now));
  }

  async remove(photoKeys: string[]): Promise<void> {
    for (const chunk of inListChunks(photoKeys)) await this.rows.delete({ photoKey: In(chunk) });
  }

  /** The photos' embeddings by the current model; a photo with no face, not analysed yet or by an older model has none. */
  async vectorsOf(photoKeys: string[]): Promise<Map<string, Float32Array>> {
    const vectors = new Map<string, Float32Array>();
    for (const chunk of inListChunks(photoKeys)) {
      const rows = await this.rows.findBy({
        photoKey: In(chunk),
        model: this.engine.model.name,
        modelVersion: this.engine.model.version,
      });
      for (const row of rows) if (row.vector) vectors.set(row.photoKey, row.vector);
    }
    return vectors;
  }

  /** Photos without an analysis by the current model, oldest first. */
  waiting(limit: number): Promise<FaceEmbedding[]> {
    return this.rows.find({
      where: [{ modelVersion: IsNull() }, { modelVersion: Not(this.engine.model.version) }, { model: Not(this.engine.model.name) }],
      order: { createdAt: 'ASC' },
      take: limit,
    });
  }

  private analysis(faces: AnalysedFace[] | null, problem: string | null, now: Date): Partial<FaceEmbedding> {
    if (faces === null && problem === null) return { model: null, modelVersion: null, faces: null, vector: null, problem: null, analysedAt: null };
    return {
      model: this.engine.model.name,
      modelVersion: this.engine.model.version,
      faces: faces?.length ?? 0,
      vector: faces?.[0]?.embedding ?? null,
      problem,
      analysedAt: now,
    };
  }
}
