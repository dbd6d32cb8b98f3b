import { Global, Module } from '@nestjs/common';
import { Clock } from './clock/clock';
import { PasswordHasher } from './crypto/password-hasher';
import { FileStorage } from './storage/file-storage';

/** Ports and helpers every feature module may use. */
@Global()
@Module({
  providers: [Clock, PasswordHasher, FileStorage],
  exports: [Clock, PasswordHasher, FileStorage],
})
export class CommonModule {}
