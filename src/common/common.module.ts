import { Global, Module } from '@nestjs/common';
import { SecretsConfig } from '../config/secrets.config';
import { Clock } from './clock/clock';
import { SiteTime } from './clock/site-time';
import { PasswordHasher } from './crypto/password-hasher';
import { SecretBox, secretBoxOf } from './crypto/secret-box';
import { FileStorage } from './storage/file-storage';

/** Ports and helpers every feature module may use. */
@Global()
@Module({
  providers: [Clock, SiteTime, PasswordHasher, FileStorage, { provide: SecretBox, inject: [SecretsConfig], useFactory: secretBoxOf }],
  exports: [Clock, SiteTime, PasswordHasher, FileStorage, SecretBox],
})
export class CommonModule {}
