import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { FaceConfig } from '../config/face.config';
import { FaceEmbedding } from './embeddings/face-embedding.entity';
import { FaceEmbeddings } from './embeddings/face-embeddings.service';
import { FaceQualityGate } from './quality/face-quality-gate';
import { FaceEngineMetrics } from './engine/face-engine.metrics';
import { FaceEmbeddingJob } from './embeddings/face-embedding.job';
import { WechatAuthModule } from '../wechat-auth/wechat-auth.module';
import { FaceGroupController } from './groups/face-group.controller';
import { FaceGroup } from './groups/face-group.entity';
import { FaceGroups } from './groups/face-groups.service';
import { HotelFaceController } from './groups/hotel-face.controller';
import { HotelFaces } from './groups/hotel-faces.service';
import { HotelFace } from './groups/hotel-face.entity';
import { FaceDuplicates } from './search/face-duplicates.service';
import { FaceIndex } from './search/face-index';
import { FaceIndexQuery } from './search/face-index.query';
import { FaceIndexSync } from './search/face-index.sync';
import { DisabledFaceEngine } from './engine/disabled-face-engine';
import { FaceEngine } from './engine/face-engine';
import { OnnxFaceEngine } from './engine/onnx/onnx-face-engine';
import { JavaDateFormatter } from '../common/protocols/result-code/java-date.formatter';
import { FacePhotoService } from './face-photo.service';
import { FaceRegistrationTally } from './face-registration-tally.entity';
import { FaceRegistration } from './face-registration.entity';
import { FaceRegistrationQuery } from './face-registration.query';
import { FaceRegistrationService } from './face-registration.service';
import { FaceRegistryController } from './face-registry.controller';
import { FaceReviewService } from './face-review.service';
import { FaceRegistrationWriter } from './face-registration.writer';
import { HotelFaceWriter } from './groups/hotel-face.writer';
import { ProvisioningListener } from './provisioning.listener';
import { RegistrationErasure } from './registration-erasure.listener';
import { RegistrationPolicy } from './registration-policy.entity';
import { RegistrationPolicyService } from './registration-policy.service';

/**
 * Face registrations and their photos; the face engine, its quality gate, embeddings and 1:N index;
 * the hotel API's face groups and faces. Exports what admin-review needs to review, show and delete
 * registrations, and what the health check reads.
 */
@Module({
  imports: [WechatAuthModule, TypeOrmModule.forFeature([FaceRegistration, FaceRegistrationTally, RegistrationPolicy, FaceEmbedding, FaceGroup, HotelFace])],
  controllers: [FaceRegistryController, FaceGroupController, HotelFaceController],
  providers: [
    FacePhotoService,
    FaceQualityGate,
    FaceEmbeddings,
    FaceEmbeddingJob,
    FaceIndex,
    FaceIndexQuery,
    FaceIndexSync,
    FaceDuplicates,
    FaceEngineMetrics,
    FaceGroups,
    HotelFaces,
    FaceRegistrationService,
    FaceRegistrationWriter,
    HotelFaceWriter,
    FaceRegistrationQuery,
    FaceReviewService,
    RegistrationPolicyService,
    ProvisioningListener,
    RegistrationErasure,
    JavaDateFormatter,
    {
      provide: FaceEngine,
      inject: [FaceConfig],
      useFactory: (config: FaceConfig) => (config.engine === 'off' ? new DisabledFaceEngine() : new OnnxFaceEngine(config)),
    },
  ],
  exports: [FaceEngine, FaceIndex, FaceDuplicates, FaceReviewService, RegistrationPolicyService, FaceRegistrationService, FaceRegistrationQuery, FacePhotoService],
})
export class FaceRegistryModule {}
