import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { TerminalAddressPolicy } from '../terminal-api/terminal-address.policy';
import { DeviceGatewayConfig } from '../../config/device-gateway.config';
import { ProvisioningWorker } from '../provisioning/provisioning-worker.service';
import { TerminalBackoff } from '../terminal-api/terminal-backoff';
import { TerminalHttpClient } from '../terminal-api/terminal-http.client';
import { OnEveryInstance } from '../../common/cluster/on-every-instance.decorator';
import { TerminalChanged } from '../terminals/terminal-changed.event';
import { TerminalOwnership } from '../terminals/terminal-ownership';
import { TerminalRegistry } from '../terminals/terminal-registry.service';
import { TerminalStatusService } from '../terminals/terminal-status.service';
import { Terminal } from '../terminals/terminal.entity';
import { RecordBackfill } from './record-backfill.service';
import { RecordIngestor } from './record-ingestor.service';
import { RecordLink } from './record-link';

/** Callbacks run when a terminal's record link comes up, after the gateway's own (e.g. reconciliation). */
export type ReconnectHook = (terminalId: number) => Promise<void>;

/**
 * One record link per enabled terminal this instance owns (all of them in a single process), kept
 * open while it owns it. When a link comes (back) up: status refresh, waiting provisioning
 * resumes, missed records are backfilled.
 */
@Injectable()
export class RecordLinks implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RecordLinks.name);
  private readonly links = new Map<number, RecordLink>();
  /** The last link-state write of each terminal, which the next one waits for. */
  private readonly stateWrites = new Map<number, Promise<void>>();
  private readonly hooks: ReconnectHook[] = [];

  constructor(
    private readonly registry: TerminalRegistry,
    private readonly client: TerminalHttpClient,
    private readonly ingestor: RecordIngestor,
    private readonly backfill: RecordBackfill,
    private readonly status: TerminalStatusService,
    private readonly worker: ProvisioningWorker,
    private readonly config: DeviceGatewayConfig,
    private readonly addresses: TerminalAddressPolicy,
    private readonly backoff: TerminalBackoff,
    private readonly ownership: TerminalOwnership,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.ownership.onChange((id, owned) => void (owned ? this.follow(id) : this.close(id)));
    for (const terminal of await this.registry.enabled()) if (this.ownership.owns(terminal.id)) this.open(terminal);
  }

  async onApplicationShutdown(): Promise<void> {
    for (const link of this.links.values()) link.stop();
    this.links.clear();
    await this.ingestor.drained();
  }

  /** Also run `hook` whenever a link comes up. */
  onReconnect(hook: ReconnectHook): void {
    this.hooks.push(hook);
  }

  @OnEveryInstance(TerminalChanged)
  async onTerminalChanged(event: TerminalChanged): Promise<void> {
    this.close(event.terminalId);
    if (!event.removed) await this.follow(event.terminalId);
  }

  /** Opens the terminal's link if it is enabled and this instance's, or notes it down if it is disabled. */
  private async follow(id: number): Promise<void> {
    if (!this.ownership.owns(id)) return;
    const terminal = await this.registry.get(id).catch(() => null);
    if (!terminal || !this.ownership.owns(id)) return;
    this.close(id);
    if (terminal.enabled) this.open(terminal);
    else await this.noteLinkState(terminal.id, 'disconnected');
  }

  private close(id: number): void {
    this.links.get(id)?.stop();
    this.links.delete(id);
  }

  /** The terminals whose link this instance holds (for tests and the health page). */
  get linked(): number[] {
    return [...this.links.keys()];
  }

  private open(terminal: Terminal): void {
    const id = terminal.id;
    const link = new RecordLink(
      () => this.client.recordStreamUrl(this.registry.endpoint(terminal)),
      {
        heartbeatMs: this.config.recordHeartbeatMs,
        deadAfterMs: this.config.recordDeadAfterMs,
        reconnectMaxMs: this.config.recordReconnectMaxMs,
      },
      {
        connected: () => void this.connected(id),
        denied: (reason) => void this.denied(id, reason),
        record: (record) => this.ingestor.accept(id, record, 'push'),
        disconnected: (reason) => {
          this.logger.warn(`terminal #${id} record link down: ${reason}`);
          void this.noteLinkState(id, 'disconnected');
        },
      },
      this.logger,
      () => this.backoff.holdBackMs(id),
      this.addresses.lookup,
    );
    this.links.set(id, link);
    void this.noteLinkState(id, 'connecting');
    link.start();
  }

  private async connected(id: number): Promise<void> {
    this.logger.log(`terminal #${id} record link up`);
    try {
      await this.noteLinkState(id, 'connected');
      await this.status.refresh(id);
      await this.worker.resume(id);
      await this.backfill.run(id);
      for (const hook of this.hooks) await hook(id);
    } catch (error) {
      this.logger.error(`terminal #${id} after reconnecting: ${(error as Error).message}`, (error as Error).stack);
      await this.registry.recordError(id, (error as Error).message).catch(() => undefined);
    }
  }

  private async denied(id: number, reason: string): Promise<void> {
    this.logger.warn(`terminal #${id} refused the record link: ${reason}`);
    try {
      await this.noteLinkState(id, 'denied');
      // The refusal does not say whether the password or the clock is wrong; a call to the HTTP API
      // tells, and measures the clock for the next attempt if that was it.
      await this.status.refresh(id);
      await this.registry.recordError(id, `record link ${reason}: check the terminal's password`);
    } catch (error) {
      this.logger.error(`terminal #${id} refused the record link, and noting it failed: ${(error as Error).message}`);
    }
  }

  /**
   * The link's state in the terminal's row. One terminal's states are written one after the other,
   * in the order they happened: on a database with a connection pool two writes sent at once may
   * otherwise commit the other way round (a "connecting" after the "denied" that followed it). A
   * database that does not answer now is logged, not thrown: the link goes on.
   */
  private noteLinkState(id: number, state: Parameters<TerminalRegistry['recordLinkState']>[1]): Promise<void> {
    const written = (this.stateWrites.get(id) ?? Promise.resolve())
      .then(() => this.registry.recordLinkState(id, state))
      .catch((error: Error) => this.logger.warn(`terminal #${id} link ${state}, not noted: ${error.message}`));
    this.stateWrites.set(id, written);
    void written.then(() => {
      if (this.stateWrites.get(id) === written) this.stateWrites.delete(id);
    });
    return written;
  }
}
