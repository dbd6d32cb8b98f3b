import { SetMetadata } from '@nestjs/common';

export const AUDITED_READ = 'audited-read';

/** Marks a GET route whose answer shows a face photo or an ID number: every read of it is audited. */
export const AuditedRead = (what: string) => SetMetadata(AUDITED_READ, what);

export const NOT_AN_ACTION = 'not-an-action';

/** Marks a POST of the `.do` protocol that only reads (the desktop tool polls it): not an action to audit. */
export const ReadOnlyPost = () => SetMetadata(NOT_AN_ACTION, true);
