import { AdminUser } from './admin-review/admin-user.entity';
import { AuditEntry } from './common/audit/audit-entry.entity';
import { AuthSession } from './common/auth/auth-session.entity';
import { AccessGrant } from './device-gateway/provisioning/access-grant.entity';
import { ProvisioningTask } from './device-gateway/provisioning/provisioning-task.entity';
import { ReconciliationRun } from './device-gateway/reconciliation/reconciliation-run.entity';
import { AccessRecord } from './device-gateway/records/access-record.entity';
import { RecordCursor } from './device-gateway/records/record-cursor.entity';
import { RecordLoss } from './device-gateway/records/record-loss.entity';
import { Terminal } from './device-gateway/terminals/terminal.entity';
import { OutboxEvent } from './common/outbox/outbox-event.entity';
import { RateCounter } from './common/rate-limit/rate-counter.entity';
import { FaceEmbedding } from './face-registry/embeddings/face-embedding.entity';
import { FaceGroup } from './face-registry/groups/face-group.entity';
import { HotelFace } from './face-registry/groups/hotel-face.entity';
import { FaceRegistration } from './face-registry/face-registration.entity';
import { FaceRegistrationTally } from './face-registry/face-registration-tally.entity';
import { RegistrationPolicy } from './face-registry/registration-policy.entity';
import { WechatBinding } from './visitor-appointment/bindings/wechat-binding.entity';
import { Employee } from './visitor-appointment/employees/employee.entity';
import { Notification } from './visitor-appointment/notifications/notification.entity';
import { VisitorSetting } from './visitor-appointment/settings/visitor-setting.entity';
import { VisitApplicationTally } from './visitor-appointment/visits/visit-application-tally.entity';
import { VisitApplication } from './visitor-appointment/visits/visit-application.entity';
import { VisitPerson } from './visitor-appointment/visits/visit-person.entity';
import { Captcha } from './wechat-auth/captcha/captcha.entity';
import { FaceIdentityCheck } from './wechat-auth/face-identity/face-identity-check.entity';
import { HotelAccount } from './wechat-auth/hotel-accounts/hotel-account.entity';
import { HotelToken } from './wechat-auth/hotel-accounts/hotel-token.entity';
import { RealNameRecord } from './wechat-auth/real-name/real-name-record.entity';
import { WechatUser } from './wechat-auth/wechat-user.entity';

/** Every entity of the application: the app, the TypeORM CLI and the DDL snapshot test share this list. */
export const ENTITIES = [
  AuthSession,
  OutboxEvent,
  RateCounter,
  WechatUser,
  FaceRegistration,
  FaceRegistrationTally,
  RegistrationPolicy,
  AdminUser,
  Terminal,
  AccessGrant,
  ProvisioningTask,
  AccessRecord,
  RecordCursor,
  RecordLoss,
  ReconciliationRun,
  Employee,
  WechatBinding,
  VisitApplication,
  VisitApplicationTally,
  VisitPerson,
  Notification,
  VisitorSetting,
  HotelAccount,
  HotelToken,
  Captcha,
  RealNameRecord,
  FaceIdentityCheck,
  FaceEmbedding,
  FaceGroup,
  HotelFace,
  AuditEntry,
];
