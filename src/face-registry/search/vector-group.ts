import * as ort from 'onnxruntime-node';

/** Rows scored per MatMul: about 2 ms at 512 dimensions, so searches leave the event loop free between chunks. */
const CHUNK_ROWS = 8192;
const MIN_CAPACITY = 1024;

export interface Hit {
  id: number;
  cosine: number;
}

/**
 * One group's embeddings in a single contiguous Float32Array (row i = slot i), searched by brute
 * force. Removal moves the last row into the hole, so the rows stay dense.
 */
export class VectorGroup {
  private rows: Float32Array;
  private ids: number[] = [];
  private readonly slots = new Map<number, number>();

  constructor(
    private readonly dimensions: number,
    private readonly session: ort.InferenceSession,
  ) {
    this.rows = new Float32Array(MIN_CAPACITY * dimensions);
  }

  get size(): number {
    return this.ids.length;
  }

  has(id: number): boolean {
    return this.slots.has(id);
  }

  set(id: number, vector: Float32Array): void {
    if (vector.length !== this.dimensions) throw new Error(`expected ${this.dimensions} dimensions, got ${vector.length}`);
    let slot = this.slots.get(id);
    if (slot === undefined) {
      slot = this.ids.length;
      this.grow(slot + 1);
      this.ids.push(id);
      this.slots.set(id, slot);
    }
    this.rows.set(vector, slot * this.dimensions);
  }

  delete(id: number): void {
    const slot = this.slots.get(id);
    if (slot === undefined) return;
    const last = this.ids.length - 1;
    if (slot !== last) {
      const moved = this.ids[last];
      this.rows.copyWithin(slot * this.dimensions, last * this.dimensions, (last + 1) * this.dimensions);
      this.ids[slot] = moved;
      this.slots.set(moved, slot);
    }
    this.ids.pop();
    this.slots.delete(id);
  }

  /**
   * The `limit` best rows for each query with a cosine of at least `minCosine`, best first.
   * Rows changed while a search runs may be seen before or after the change.
   */
  async search(queries: Float32Array[], limit: number, minCosine: number): Promise<Hit[][]> {
    const k = queries.length;
    const results: Hit[][] = queries.map(() => []);
    if (k === 0 || limit <= 0) return results;
    const columns = new Float32Array(this.dimensions * k);
    queries.forEach((query, q) => query.forEach((value, j) => (columns[j * k + q] = value)));
    const queryTensor = new ort.Tensor('float32', columns, [this.dimensions, k]);
    for (let start = 0; start < this.ids.length; start += CHUNK_ROWS) {
      if (start > 0) await new Promise((resolve) => setImmediate(resolve));
      const end = Math.min(start + CHUNK_ROWS, this.ids.length);
      const rows = new ort.Tensor('float32', this.rows.subarray(start * this.dimensions, end * this.dimensions), [end - start, this.dimensions]);
      const { scores } = await this.session.run({ rows, queries: queryTensor });
      const values = scores.data as Float32Array;
      for (let r = 0; r < end - start && start + r < this.ids.length; r++) {
        for (let q = 0; q < k; q++) {
          const cosine = values[r * k + q];
          if (cosine >= minCosine) keep(results[q], { id: this.ids[start + r], cosine }, limit);
        }
      }
    }
    return results;
  }

  private grow(needed: number): void {
    const capacity = this.rows.length / this.dimensions;
    if (needed <= capacity) return;
    const larger = new Float32Array(Math.max(needed, Math.ceil(capacity * 1.25), MIN_CAPACITY) * this.dimensions);
    larger.set(this.rows.subarray(0, this.ids.length * this.dimensions));
    this.rows = larger;
  }
}

/** Inserts a hit into a best-first list of at most `limit`, one entry per id. */
function keep(list: Hit[], hit: Hit, limit: number): void {
  const existing = list.findIndex((h) => h.id === hit.id);
  if (existing >= 0) {
    if (list[existing].cosine >= hit.cosine) return;
    list.splice(existing, 1);
  }
  if (list.length === limit && list[limit - 1].cosine >= hit.cosine) return;
  let at = list.length;
  while (at > 0 && list[at - 1].cosine < hit.cosine) at--;
  list.splice(at, 0, hit);
  if (list.length > limit) list.pop();
}
