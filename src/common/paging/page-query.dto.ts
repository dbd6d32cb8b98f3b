import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { PageRequest } from './page';

/** Far beyond any list; it keeps offsets exact integers (1e20 is an "integer" to JavaScript). */
export const MAX_PAGE = 10_000_000;

/** `?page=&size=` with a protocol's own default and largest page size. */
export function PageQuery(defaultSize: number, maxSize: number) {
  class PageQueryBase {
    @ApiPropertyOptional({ default: 1, minimum: 1, maximum: MAX_PAGE })
    @IsOptional()
    @Type(() => Number)
    @IsInt()
    @Min(1)
    @Max(MAX_PAGE)
    page?: number;

    @ApiPropertyOptional({ default: defaultSize, minimum: 1, maximum: maxSize })
    @IsOptional()
    @Type(() => Number)
    @IsInt()
    @Min(1)
    @Max(maxSize)
    size?: number;

    toPageRequest(): PageRequest {
      return { page: this.page ?? 1, size: this.size ?? defaultSize };
    }
  }
  return PageQueryBase;
}

/** `?page=&size=` of the admin REST lists. */
export class PageQueryDto extends PageQuery(20, 200) {}
