export interface PageRequest {
  /** 1-based page number. */
  page: number;
  size: number;
}

export interface Page<T> {
  items: T[];
  page: number;
  size: number;
  total: number;
}

export function pageCount(total: number, size: number): number {
  return Math.ceil(total / size);
}

export function pageOffset(request: PageRequest): number {
  return (request.page - 1) * request.size;
}
