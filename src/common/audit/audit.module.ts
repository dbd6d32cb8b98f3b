import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditEntry } from './audit-entry.entity';
import { AuditController } from './audit.controller';
import { AuditInterceptor } from './audit.interceptor';
import { AuditLog } from './audit-log.service';

/** The audit log of administrator actions and of reads of faces and ID numbers. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([AuditEntry])],
  controllers: [AuditController],
  providers: [AuditLog, AuditInterceptor],
  exports: [AuditLog, AuditInterceptor],
})
export class AuditModule {}
