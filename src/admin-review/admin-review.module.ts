import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { FaceRegistryModule } from '../face-registry/face-registry.module';
import { StaffAccountsController } from './accounts/staff-accounts.controller';
import { StaffAccounts } from './accounts/staff-accounts.service';
import { AdminAccountService } from './admin-account.service';
import { AdminUserWriter } from './admin-user.writer';
import { AdminSessionController } from './admin-session.controller';
import { AdminUser } from './admin-user.entity';
import { LiveGateway } from './live/live.gateway';
import { RegistrationsController } from './registrations.controller';
import { ReviewSettingsController } from './review-settings.controller';
import { ReviewController } from './review.controller';

/** PC / desktop-tool login, back-office accounts and roles, review of registrations, system settings. */
@Module({
  imports: [TypeOrmModule.forFeature([AdminUser]), FaceRegistryModule],
  controllers: [AdminSessionController, ReviewController, ReviewSettingsController, RegistrationsController, StaffAccountsController],
  providers: [AdminAccountService, AdminUserWriter, StaffAccounts, LiveGateway],
})
export class AdminReviewModule {}
