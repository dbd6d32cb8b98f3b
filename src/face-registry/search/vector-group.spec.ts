import * as ort from 'onnxruntime-node';
import { random as seededRandom } from '../../../test/support/seeded-random';
import { matmulModel } from './matmul-model';
import { VectorGroup } from './vector-group';

const DIMENSIONS = 64;

function unitVectors(count: number, random: () => number): Float32Array[] {
  return Array.from({ length: count }, () => {
    const v = Float32Array.from({ length: DIMENSIONS }, () => random() - 0.5);
    const norm = Math.hypot(...v);
    return v.map((x) => x / norm);
  });
}

const dot = (a: Float32Array, b: Float32Array) => a.reduce((sum, x, i) => sum + x * b[i], 0);

describe('VectorGroup (brute-force cosine search on ONNX Runtime MatMul)', () => {
  let session: ort.InferenceSession;
  beforeAll(async () => {
    session = await ort.InferenceSession.create(matmulModel(DIMENSIONS));
  });

  it('finds the same best rows as a plain dot product, across chunk boundaries', async () => {
    const random = seededRandom(7);
    const vectors = unitVectors(20_000, random);
    const group = new VectorGroup(DIMENSIONS, session);
    vectors.forEach((v, i) => group.set(i + 1, v));
    const queries = [vectors[12_345], ...unitVectors(2, random)];
    const results = await group.search(queries, 3, -1);
    queries.forEach((query, q) => {
      const expected = vectors
        .map((v, i) => ({ id: i + 1, cosine: dot(query, v) }))
        .sort((a, b) => b.cosine - a.cosine)
        .slice(0, 3);
      expect(results[q].map((h) => h.id)).toEqual(expected.map((h) => h.id));
      results[q].forEach((hit, i) => expect(hit.cosine).toBeCloseTo(expected[i].cosine, 4));
    });
    expect(results[0][0]).toEqual({ id: 12_346, cosine: expect.closeTo(1, 4) });
  });

  it('keeps rows dense through removals and replacements, and only answers at or above the minimum', async () => {
    const [a, b, c] = unitVectors(3, seededRandom(3));
    const group = new VectorGroup(DIMENSIONS, session);
    group.set(10, a);
    group.set(20, b);
    group.set(30, c);
    group.delete(10);
    group.delete(99);
    expect(group.size).toBe(2);
    expect((await group.search([a], 5, 0.99))[0]).toEqual([]);
    group.set(30, a);
    expect((await group.search([a], 5, 0.99))[0]).toEqual([{ id: 30, cosine: expect.closeTo(1, 4) }]);
    expect((await group.search([b], 5, 0.99))[0]).toEqual([{ id: 20, cosine: expect.closeTo(1, 4) }]);
    expect(() => group.set(40, new Float32Array(3))).toThrow(/dimensions/);
  });
});
