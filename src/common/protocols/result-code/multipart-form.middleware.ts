import { Injectable, NestMiddleware } from '@nestjs/common';
import { NextFunction, Request, Response } from 'express';
import multer, { MulterError } from 'multer';
import { StorageConfig } from '../../../config/storage.config';
import { InvalidInputError } from '../../errors/domain-errors';

const MULTIPART = /^\s*multipart\//i;

function describe(error: MulterError, maxBytes: number): string {
  switch (error.code) {
    case 'LIMIT_FILE_SIZE':
      return `the uploaded file is larger than ${maxBytes} bytes`;
    case 'LIMIT_FILE_COUNT':
      return 'at most one photo may be uploaded';
    default:
      return `malformed multipart body (${error.message})`;
  }
}

/**
 * Parses multipart bodies of the `.do` routes before the guards run, so that `accessToken` sent
 * as a form field is visible to them. Files stay in memory, bounded by PHOTO_MAX_BYTES.
 */
@Injectable()
export class MultipartFormMiddleware implements NestMiddleware {
  private readonly parse: ReturnType<ReturnType<typeof multer>['any']>;

  constructor(private readonly storage: StorageConfig) {
    this.parse = multer({
      storage: multer.memoryStorage(),
      limits: { fileSize: storage.photoMaxBytes, files: 2, fields: 50, fieldSize: 256 * 1024, parts: 60 },
    }).any();
  }

  use(request: Request, response: Response, next: NextFunction): void {
    // A prefix test before type-is parses the header: most `.do` requests are urlencoded forms.
    if (!MULTIPART.test(request.headers['content-type'] ?? '') || !request.is('multipart/form-data')) return next();
    this.parse(request, response, (error?: unknown) => {
      if (!error) return next();
      const detail =
        error instanceof MulterError ? describe(error, this.storage.photoMaxBytes) : `malformed multipart body (${(error as Error).message})`;
      next(new InvalidInputError(detail));
    });
  }
}
