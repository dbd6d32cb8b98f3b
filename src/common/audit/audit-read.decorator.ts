import { SetMetadata } from '@nestjs/common';

export const AUDITED_READ = 'audited-read';

/** Marks a GET route whose answer shows a face photo or an ID number: every read of it is audited. */
export const AuditedRead = (what: string) => SetMetadata(AUDITED_READ, what);
