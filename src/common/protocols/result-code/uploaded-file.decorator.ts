import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { Request } from 'express';

/** The first uploaded file among the given multipart part names, or undefined. */
export const UploadedFileNamed = createParamDecorator((names: string[], context: ExecutionContext) => {
  const files = context.switchToHttp().getRequest<Request>().files;
  if (!Array.isArray(files)) return undefined;
  return names.map((name) => files.find((file) => file.fieldname === name)).find(Boolean);
});
