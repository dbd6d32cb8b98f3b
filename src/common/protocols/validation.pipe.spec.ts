import 'reflect-metadata';
import { ArgumentMetadata } from '@nestjs/common';
import { Type } from 'class-transformer';
import * as validator from 'class-validator';
import { IsInt, IsOptional, IsString, Max, ValidateNested } from 'class-validator';
import { InvalidInputError } from '../errors/domain-errors';
import { createValidationPipe } from './validation.pipe';

class Paging {
  @IsOptional() @Type(() => Number) @IsInt() @Max(100) size?: number;
  @IsOptional() @IsString() text?: string;
}

class Nested {
  @ValidateNested() @Type(() => Paging) paging: Paging;
}

describe('the validation pipe', () => {
  const query = (metatype: Function): ArgumentMetadata => ({ type: 'query', metatype: metatype as never, data: '' });

  it('answers an input seen before as it did then, with a copy the handler may change, without validating again', async () => {
    const pipe = createValidationPipe();
    const validate = jest.spyOn(validator, 'validateSync');
    try {
      const first = (await pipe.transform({ size: '20', text: 'a', extra: 'x' }, query(Paging))) as Paging;
      expect(first).toBeInstanceOf(Paging);
      expect({ ...first }).toEqual({ size: 20, text: 'a' });
      first.size = 99;
      const second = (await pipe.transform({ size: '20', text: 'a', extra: 'x' }, query(Paging))) as Paging;
      expect(second).toBeInstanceOf(Paging);
      expect({ ...second }).toEqual({ size: 20, text: 'a' });
      expect(second).not.toBe(first);
      expect(validate).toHaveBeenCalledTimes(1);
      await pipe.transform({ size: '21' }, query(Paging));
      expect(validate).toHaveBeenCalledTimes(2);
    } finally {
      validate.mockRestore();
    }
  });

  it('validates an invalid input every time, and inputs that are not flat', async () => {
    const pipe = createValidationPipe();
    const validate = jest.spyOn(validator, 'validateSync');
    try {
      for (let i = 0; i < 2; i++) await expect(pipe.transform({ size: '500' }, query(Paging))).rejects.toBeInstanceOf(InvalidInputError);
      for (let i = 0; i < 2; i++) await pipe.transform({ paging: { size: 5 } }, query(Nested));
      expect(validate).toHaveBeenCalledTimes(4);
    } finally {
      validate.mockRestore();
    }
  });
});
