import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { JavaDateFormatter } from '../common/protocols/result-code/java-date.formatter';
import { FacePhotoService } from './face-photo.service';
import { FaceRegistrationTally } from './face-registration-tally.entity';
import { FaceRegistration } from './face-registration.entity';
import { FaceRegistrationQuery } from './face-registration.query';
import { FaceRegistrationService } from './face-registration.service';
import { FaceRegistryController } from './face-registry.controller';
import { FaceReviewService } from './face-review.service';
import { ProvisioningListener } from './provisioning.listener';
import { RegistrationPolicy } from './registration-policy.entity';
import { RegistrationPolicyService } from './registration-policy.service';

/** Face registrations and their photos. Exports what admin-review needs to review, show and delete them. */
@Module({
  imports: [TypeOrmModule.forFeature([FaceRegistration, FaceRegistrationTally, RegistrationPolicy])],
  controllers: [FaceRegistryController],
  providers: [
    FacePhotoService,
    FaceRegistrationService,
    FaceRegistrationQuery,
    FaceReviewService,
    RegistrationPolicyService,
    ProvisioningListener,
    JavaDateFormatter,
  ],
  exports: [FaceReviewService, RegistrationPolicyService, FaceRegistrationService, FaceRegistrationQuery, FacePhotoService],
})
export class FaceRegistryModule {}
