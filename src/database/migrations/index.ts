import { DeviceGateway1763900000000 } from './1763900000000-device-gateway';
import { InitialSchema1763800000000 } from './1763800000000-initial-schema';
import { VisitorAppointment1764000000000 } from './1764000000000-visitor-appointment';
import { VisitNameCharacters1764100000000 } from './1764100000000-visit-name-characters';
import { RegistrationNameCharacters1764200000000 } from './1764200000000-registration-name-characters';
import { NotificationLookups1764300000000 } from './1764300000000-notification-lookups';
import { RecordContinuity1764400000000 } from './1764400000000-record-continuity';
import { NotificationClaims1764500000000 } from './1764500000000-notification-claims';
import { HotelApi1764600000000 } from './1764600000000-hotel-api';
import { FaceEngine1764700000000 } from './1764700000000-face-engine';
import { VisitorHardening1764800000000 } from './1764800000000-visitor-hardening';
import { AuditLog1764900000000 } from './1764900000000-audit-log';
import { StaffRoles1765000000000 } from './1765000000000-staff-roles';
import { TerminalCredentials1765100000000 } from './1765100000000-terminal-credentials';
import { VisitEndTime1765200000000 } from './1765200000000-visit-end-time';
import { VisitCharacterTally1765300000000 } from './1765300000000-visit-character-tally';
import { RegistrationDayTally1765400000000 } from './1765400000000-registration-day-tally';
import { POSTGRES_BASELINE, PostgresSchema1765250000000 } from './postgres/1765250000000-postgres-schema';

/** In order; every migration must run on SQLite and on SQL Server (and, after the PostgreSQL baseline, on PostgreSQL). */
export const MIGRATIONS: Function[] = [
  InitialSchema1763800000000,
  DeviceGateway1763900000000,
  VisitorAppointment1764000000000,
  VisitNameCharacters1764100000000,
  RegistrationNameCharacters1764200000000,
  NotificationLookups1764300000000,
  RecordContinuity1764400000000,
  NotificationClaims1764500000000,
  HotelApi1764600000000,
  FaceEngine1764700000000,
  VisitorHardening1764800000000,
  AuditLog1764900000000,
  StaffRoles1765000000000,
  TerminalCredentials1765100000000,
  VisitEndTime1765200000000,
  VisitCharacterTally1765300000000,
  RegistrationDayTally1765400000000,
];

const timestampOf = (migration: Function) => Number(/\d{13}$/.exec(migration.name)?.[0]);

/** PostgreSQL starts from its baseline (the schema as the migrations before it left it), then follows the others. */
export const POSTGRES_MIGRATIONS: Function[] = [PostgresSchema1765250000000, ...MIGRATIONS.filter((migration) => timestampOf(migration) > POSTGRES_BASELINE)];
