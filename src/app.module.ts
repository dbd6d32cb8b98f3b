import { DynamicModule, MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { ScheduleModule } from '@nestjs/schedule';
import { AdminReviewModule } from './admin-review/admin-review.module';
import { AuditModule } from './common/audit/audit.module';
import { MetricsModule } from './common/metrics/metrics.module';
import { AuthModule } from './common/auth/auth.module';
import { CommonModule } from './common/common.module';
import { ClusterModule } from './common/cluster/cluster.module';
import { LoggingModule } from './common/logging/logging.module';
import { OutboxModule } from './common/outbox/outbox.module';
import { RateLimitModule } from './common/rate-limit/rate-limit.module';
import { FormMethodMiddleware } from './common/protocols/result-code/form-method.middleware';
import { MultipartFormMiddleware } from './common/protocols/result-code/multipart-form.middleware';
import { ConfigModule } from './config/config.module';
import { Configuration } from './config/configuration';
import { ENTITIES } from './app.entities';
import { DatabaseModule } from './database/database.module';
import { DeviceGatewayModule } from './device-gateway/device-gateway.module';
import { FaceRegistryModule } from './face-registry/face-registry.module';
import { HealthModule } from './health/health.module';
import { VisitorAppointmentModule } from './visitor-appointment/visitor-appointment.module';
import { WechatAuthModule } from './wechat-auth/wechat-auth.module';

@Module({})
export class AppModule implements NestModule {
  static forRoot(configuration: Configuration): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(configuration),
        LoggingModule,
        DatabaseModule.forRoot(ENTITIES),
        EventEmitterModule.forRoot(),
        ScheduleModule.forRoot(),
        CommonModule,
        ClusterModule.forRoot(configuration.cluster),
        AuthModule,
        OutboxModule,
        RateLimitModule,
        AuditModule,
        MetricsModule,
        WechatAuthModule,
        FaceRegistryModule,
        AdminReviewModule,
        DeviceGatewayModule.forRoot(configuration.cluster),
        VisitorAppointmentModule,
        HealthModule,
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(FormMethodMiddleware, MultipartFormMiddleware)
      .forRoutes({ path: 'SkyFaceRegister/*path', method: RequestMethod.ALL });
  }
}
