import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { FaceRegistryModule } from '../face-registry/face-registry.module';
import { AdminAccountService } from './admin-account.service';
import { AdminSessionController } from './admin-session.controller';
import { AdminUser } from './admin-user.entity';
import { RegistrationsController } from './registrations.controller';
import { ReviewSettingsController } from './review-settings.controller';
import { ReviewController } from './review.controller';

/** PC / desktop-tool login, review of registrations, system settings. */
@Module({
  imports: [TypeOrmModule.forFeature([AdminUser]), FaceRegistryModule],
  controllers: [AdminSessionController, ReviewController, ReviewSettingsController, RegistrationsController],
  providers: [AdminAccountService],
})
export class AdminReviewModule {}
