import { IsBoolean, IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { Env } from './env.decorator';

const KEY_FORMAT = /^([0-9a-fA-F]{64}|[A-Za-z0-9+/]{43}=)$/;
const KEY_MESSAGE = 'must be a 32-byte key: 64 hex characters or 44 base64 characters (openssl rand -base64 32)';

export class DeviceGatewayConfig {
  /** Encrypts terminal passwords at rest. Required in production (see loadConfiguration). */
  @Env('TERMINAL_SECRET_KEY', { secret: true })
  @IsOptional()
  @Matches(KEY_FORMAT, { message: `TERMINAL_SECRET_KEY ${KEY_MESSAGE}` })
  secretKey?: string;

  /** The key before the last rotation, still accepted for reading. */
  @Env('TERMINAL_SECRET_KEY_PREVIOUS', { secret: true })
  @IsOptional()
  @Matches(KEY_FORMAT, { message: `TERMINAL_SECRET_KEY_PREVIOUS ${KEY_MESSAGE}` })
  previousSecretKey?: string;

  @Env('TERMINAL_TIMEOUT_MS')
  @IsInt()
  @Min(100)
  @Max(120_000)
  timeoutMs = 5000;

  /** Requests in flight per terminal; the terminals are small devices. */
  @Env('TERMINAL_MAX_IN_FLIGHT')
  @IsInt()
  @Min(1)
  @Max(16)
  maxInFlight = 1;

  /** Retries of a terminal request after a network failure (never after an answer). */
  @Env('TERMINAL_RETRIES')
  @IsInt()
  @Min(0)
  @Max(10)
  retries = 2;

  /** Terminal user type of approved face registrations: 1 employee, 2 visitor. */
  @Env('PROVISION_USER_TYPE')
  @IsInt()
  @IsIn([1, 2])
  provisionUserType = 1;

  /** Longest wait between two attempts of a failing provisioning task. */
  @Env('PROVISION_RETRY_MAX_MS')
  @IsInt()
  @Min(1000)
  provisionRetryMaxMs = 300_000;

  @Env('RECONCILE_INTERVAL_MINUTES')
  @IsInt()
  @Min(1)
  @Max(1440)
  reconcileIntervalMinutes = 10;

  /** Also remove terminal users FaceGate did not create. */
  @Env('RECONCILE_REMOVE_UNMANAGED')
  @IsBoolean()
  reconcileRemoveUnmanaged = false;

  @Env('RECORD_HEARTBEAT_MS')
  @IsInt()
  @Min(50)
  recordHeartbeatMs = 10_000;

  /** Silence on the record link after which it is considered dead. */
  @Env('RECORD_DEAD_AFTER_MS')
  @IsInt()
  @Min(100)
  recordDeadAfterMs = 33_000;

  @Env('RECORD_RECONNECT_MAX_MS')
  @IsInt()
  @Min(100)
  recordReconnectMaxMs = 60_000;

  /** `unlockDelay` answered to /syface when the door opens. */
  @Env('DOOR_UNLOCK_DELAY_MS')
  @IsInt()
  @Min(20)
  @Max(5000)
  doorUnlockDelayMs = 20;
}
