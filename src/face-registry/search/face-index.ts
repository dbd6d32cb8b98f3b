import { Injectable } from '@nestjs/common';
import { availableParallelism } from 'node:os';
import * as ort from 'onnxruntime-node';
import { UnavailableError } from '../../common/errors/domain-errors';
import { FaceEngine } from '../engine/face-engine';
import { matmulModel } from './matmul-model';
import { Hit, VectorGroup } from './vector-group';

/** The duplicate-warning group: registrations pending, approved or on the terminals. */
export const REGISTRATIONS = 'registrations';
/** The group of a hotel face group. */
export const hotelGroup = (groupId: number) => `hotel:${groupId}`;

export interface GroupHit extends Hit {
  group: string;
  /** On the spec's 0..1 scale. */
  score: number;
}

/**
 * The in-memory 1:N index: one VectorGroup per face group, filled by FaceIndexLoader at start
 * and kept current by FaceIndexSync. Searches answer "try again" until the first load is done.
 */
@Injectable()
export class FaceIndex {
  private readonly groups = new Map<string, VectorGroup>();
  private session?: Promise<ort.InferenceSession>;
  private loaded = false;

  constructor(private readonly engine: FaceEngine) {}

  get ready(): boolean {
    return this.loaded;
  }

  markLoaded(): void {
    this.loaded = true;
  }

  sizes(): Record<string, number> {
    return Object.fromEntries([...this.groups].map(([name, group]) => [name, group.size]));
  }

  async set(group: string, id: number, vector: Float32Array): Promise<void> {
    (await this.group(group)).set(id, vector);
  }

  delete(group: string, id: number): void {
    this.groups.get(group)?.delete(id);
  }

  dropGroup(group: string): void {
    this.groups.delete(group);
  }

  /**
   * For each query, its `limit` best matches at or above `minScore` across `groups`, best first.
   */
  async search(groups: string[], queries: Float32Array[], limit: number, minScore: number): Promise<GroupHit[][]> {
    if (!this.loaded) throw new UnavailableError('the face index is still loading; try again in a few seconds', 5);
    const minCosine = this.cosineFor(minScore);
    const merged: GroupHit[][] = queries.map(() => []);
    for (const name of groups) {
      const group = this.groups.get(name);
      if (!group) continue;
      const hits = await group.search(queries, limit, minCosine);
      hits.forEach((list, q) => merged[q].push(...list.map((hit) => ({ ...hit, group: name, score: this.engine.score(hit.cosine) }))));
    }
    return merged.map((list) => list.sort((a, b) => b.cosine - a.cosine).filter((hit) => hit.score >= minScore).slice(0, limit));
  }

  /** The smallest cosine whose score reaches `score` (the calibration only rises), by bisection. */
  private cosineFor(score: number): number {
    let [low, high] = [-1, 1];
    for (let i = 0; i < 40; i++) {
      const middle = (low + high) / 2;
      if (this.engine.score(middle) >= score) high = middle;
      else low = middle;
    }
    return low;
  }

  private async group(name: string): Promise<VectorGroup> {
    const existing = this.groups.get(name);
    if (existing) return existing;
    this.session ??= ort.InferenceSession.create(matmulModel(this.engine.model.dimensions), { intraOpNumThreads: availableParallelism(), interOpNumThreads: 1 });
    const session = await this.session;
    const created = this.groups.get(name) ?? new VectorGroup(this.engine.model.dimensions, session);
    this.groups.set(name, created);
    return created;
  }
}
