import { IsBoolean, IsIn, IsInt, Max, Min, Validate } from 'class-validator';
import { IsNetworkList } from './network-list.validator';
import { Env } from './env.decorator';

export class DeviceGatewayConfig {
  /**
   * Where terminals may be (addresses and CIDR ranges). Empty: the private ranges, plus loopback
   * outside production. Link-local, multicast, unspecified and cloud metadata addresses are
   * refused whatever this says.
   */
  @Env('TERMINAL_ALLOWED_NETWORKS')
  @Validate(IsNetworkList)
  allowedNetworks = '';

  /** Accept terminal callbacks (/syrecord, /syface, …) from any address, not only the terminal's own (terminals behind NAT). */
  @Env('TERMINAL_CALLBACKS_FROM_ANY')
  @IsBoolean()
  callbacksFromAny = false;

  /** Captured faces of access records are erased after this many days (the records stay). */
  @Env('RECORD_SNAPSHOT_RETENTION_DAYS')
  @IsInt()
  @Min(1)
  @Max(3650)
  snapshotRetentionDays = 90;

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

  /** How long every caller waits between two tries of a terminal that refused FaceGate's password (until it is changed). */
  @Env('TERMINAL_CREDENTIALS_RETRY_SECONDS')
  @IsInt()
  @Min(1)
  @Max(86_400)
  credentialsRetrySeconds = 300;

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

  /** Longest wait before an unreachable terminal is tried again (its record link, requests and provisioning alike). */
  @Env('RECORD_RECONNECT_MAX_MS')
  @IsInt()
  @Min(100)
  recordReconnectMaxMs = 60_000;

  /** How often each terminal's records are checked for gaps and for records it never pushed. */
  @Env('RECORD_CHECK_SECONDS')
  @IsInt()
  @Min(1)
  @Max(3600)
  recordCheckSeconds = 15;

  /** How often visitor grants whose visit has ended are taken off the terminals. */
  @Env('VISITOR_SWEEP_SECONDS')
  @IsInt()
  @Min(1)
  @Max(3600)
  visitorSweepSeconds = 60;

  /** `unlockDelay` answered to /syface when the door opens. */
  @Env('DOOR_UNLOCK_DELAY_MS')
  @IsInt()
  @Min(20)
  @Max(5000)
  doorUnlockDelayMs = 20;
}
