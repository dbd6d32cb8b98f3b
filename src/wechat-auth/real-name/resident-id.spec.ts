import { checkCharacter, maskResidentId, parseResidentId } from './resident-id';

const today = new Date('2026-11-29T00:00:00Z');

describe('resident ID numbers', () => {
  it('computes the ISO 7064 MOD 11-2 check character', () => {
    expect(checkCharacter('11010519491231002')).toBe('X');
    expect(checkCharacter('33108219991127089')).toBe('X');
    expect(checkCharacter('44052419800101001')).toBe('3');
  });

  it('reads a valid number, its birth date and gender (lower-case x too)', () => {
    expect(parseResidentId('11010519491231002x', today)).toEqual({ number: '11010519491231002X', birthDate: { year: 1949, month: 12, day: 31 }, gender: 'female' });
    expect(parseResidentId('440524198001010013', today)).toMatchObject({ gender: 'male', birthDate: { year: 1980, month: 1, day: 1 } });
  });

  it.each([
    ['11010519491231002', 'must be 17 digits'],
    ['1101051949123100XX', 'must be 17 digits'],
    ['99010519491231002X', 'has an unknown province code'],
    ['110105190002300010', 'has a birth date that does not exist'],
    ['110105202002300010', 'has a birth date that does not exist'],
    ['110105189912310010', 'has a birth date that does not exist'],
    ['110105203001010010', 'has a birth date in the future'],
    ['110105194912310021', 'has a wrong check digit'],
  ])('refuses %s: %s', (number, reason) => {
    expect(parseResidentId(number, today)).toEqual(expect.stringContaining(reason));
  });

  it('masks all but the region and the last four', () => {
    expect(maskResidentId('11010519491231002X')).toBe('110105********002X');
  });
});
