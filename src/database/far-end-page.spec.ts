import { farEndPage } from './far-end-page';

describe('farEndPage', () => {
  it('reads a page near the end from the other end, the same rows', () => {
    const rows = Array.from({ length: 103 }, (_, i) => i);
    for (let offset = 0; offset < 103; offset += 5) {
      const far = farEndPage(offset, 5, rows.length);
      const expected = rows.slice(offset, offset + 5);
      if (!far) {
        expect(offset).toBeLessThanOrEqual(50);
        continue;
      }
      const reversed = [...rows].reverse();
      expect(reversed.slice(far.offset, far.offset + far.limit).reverse()).toEqual(expected);
    }
  });

  it('keeps the near end for the first half, and a short last page short', () => {
    expect(farEndPage(0, 20, 100_000)).toBeNull();
    expect(farEndPage(49_980, 20, 100_000)).toBeNull();
    expect(farEndPage(94_995, 5, 100_000)).toEqual({ offset: 5_000, limit: 5 });
    expect(farEndPage(98, 5, 100)).toEqual({ offset: 0, limit: 2 });
  });
});
