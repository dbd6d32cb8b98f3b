import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { FaceRegistryModule } from '../face-registry/face-registry.module';
import { BindingService } from './bindings/binding.service';
import { BindingsController } from './bindings/bindings.controller';
import { WechatBinding } from './bindings/wechat-binding.entity';
import { Employee } from './employees/employee.entity';
import { EmployeeService } from './employees/employee.service';
import { EmployeesController } from './employees/employees.controller';
import { Notification } from './notifications/notification.entity';
import { NotificationOutbox } from './notifications/notification-outbox.service';
import { NotificationWorker } from './notifications/notification-worker.service';
import { NotificationsController } from './notifications/notifications.controller';
import { WechatTemplateSender } from './notifications/senders/wechat-template.sender';
import { VisitNotifications } from './visits/visit-notifications';
import { VisitorSetting } from './settings/visitor-setting.entity';
import { SettingsController } from './settings/settings.controller';
import { VisitorSettingsService } from './settings/visitor-settings.service';
import { QrCodeService } from './signin/qr-code.service';
import { SigninController } from './signin/signin.controller';
import { VisitSigninService } from './signin/visit-signin.service';
import { VisitWriter } from './visits/visit.writer';
import { WechatBindingWriter } from './bindings/wechat-binding.writer';
import { VisitApplication } from './visits/visit-application.entity';
import { VisitApplicationService } from './visits/visit-application.service';
import { VisitApplicationTally } from './visits/visit-application-tally.entity';
import { VisitPerson } from './visits/visit-person.entity';
import { VisitPhotos } from './visits/visit-photos';
import { VisitPresenter } from './visits/visit-presenter';
import { VisitQuery } from './visits/visit.query';
import { VisitRecordsController } from './visits/visit-records.controller';
import { VisitsController } from './visits/visits.controller';
import { VisitorAddressLimitGuard } from './limits/visitor-address-limit.guard';
import { VisitorLimits } from './limits/visitor-limits';
import { KioskNetworks } from './limits/kiosk-networks';
import { VisitErasure } from './visits/visit-erasure.listener';
import { VisitorPhotoRetentionJob } from './visits/visitor-photo-retention.job';
import { NotificationMetrics } from './notifications/notification.metrics';
import { NotificationQuery } from './notifications/notification.query';
import { NewBindingNotice } from './bindings/new-binding-notice';
import { EmployeeBindingsRemoval } from './bindings/employee-bindings.removal';
import { EmployeeRemovalHook } from './employees/employee-removal.hook';
import { BindingRevocation } from './admin/binding-revocation.service';
import { BindingsAdminController } from './admin/bindings-admin.controller';
import { BindingNoticeStager } from './notifications/binding-notice.stager';
import { VisitAnnouncer } from './visits/visit-announcer';
import { VisitStats } from './visits/visit-stats.service';
import { VisitsTodayController } from './visits/visits-today.controller';

/** Visitor appointments: the employee directory, WeChat bindings, applications, sign-in, QR codes and notifications. */
@Module({
  imports: [
    TypeOrmModule.forFeature([Employee, WechatBinding, VisitApplication, VisitApplicationTally, VisitPerson, Notification, VisitorSetting]),
    FaceRegistryModule,
  ],
  controllers: [
    BindingsAdminController,
    EmployeesController,
    BindingsController,
    VisitsController,
    VisitRecordsController,
    VisitsTodayController,
    SigninController,
    SettingsController,
    NotificationsController,
  ],
  providers: [
    EmployeeService,
    BindingService,
    VisitorSettingsService,
    VisitPhotos,
    VisitPresenter,
    VisitApplicationService,
    VisitWriter,
    WechatBindingWriter,
    VisitQuery,
    QrCodeService,
    VisitSigninService,
    VisitNotifications,
    NotificationOutbox,
    NotificationWorker,
    WechatTemplateSender,
    VisitorLimits,
    VisitorAddressLimitGuard,
    KioskNetworks,
    VisitErasure,
    VisitorPhotoRetentionJob,
    NotificationMetrics,
    NotificationQuery,
    { provide: NewBindingNotice, useClass: BindingNoticeStager },
    { provide: EmployeeRemovalHook, useClass: EmployeeBindingsRemoval },
    BindingRevocation,
    VisitStats,
    VisitAnnouncer,
  ],
})
export class VisitorAppointmentModule {}
