import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { PageRequest } from './page';

/** `?page=&size=` with a protocol's own default and largest page size. */
export function PageQuery(defaultSize: number, maxSize: number) {
  class PageQueryBase {
    @ApiPropertyOptional({ default: 1, minimum: 1 })
    @IsOptional()
    @Type(() => Number)
    @IsInt()
    @Min(1)
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
