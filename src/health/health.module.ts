import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { FaceRegistryModule } from '../face-registry/face-registry.module';
import { FaceEngineHealth } from './face-engine.health';
import { ClusterHealth } from './cluster.health';
import { HealthController } from './health.controller';

/** /health/live and /health/ready for load balancers and orchestrators. */
@Module({
  imports: [TerminusModule.forRoot({ logger: false }), FaceRegistryModule],
  controllers: [HealthController],
  providers: [FaceEngineHealth, ClusterHealth],
})
export class HealthModule {}
