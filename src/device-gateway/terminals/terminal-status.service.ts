import { Injectable, Logger } from '@nestjs/common';
import { TerminalWaitingError } from '../terminal-api/terminal-errors';
import { TerminalHttpClient } from '../terminal-api/terminal-http.client';
import { OnEveryInstance } from '../../common/cluster/on-every-instance.decorator';
import { TerminalChanged } from './terminal-changed.event';
import { TerminalRegistry } from './terminal-registry.service';
import { TerminalOwnership } from './terminal-ownership';

/** Keeps what FaceGate shows of a terminal (identity, versions, last error) fresh from /api/device/information. */
@Injectable()
export class TerminalStatusService {
  private readonly logger = new Logger(TerminalStatusService.name);

  constructor(
    private readonly registry: TerminalRegistry,
    private readonly client: TerminalHttpClient,
    private readonly ownership: TerminalOwnership,
  ) {}

  @OnEveryInstance(TerminalChanged)
  async onTerminalChanged(event: TerminalChanged): Promise<void> {
    if (!event.removed && this.ownership.owns(event.terminalId)) await this.refresh(event.terminalId);
  }

  /** Asks the terminal who it is; records the answer or the failure (not while its backoff holds FaceGate back). Never throws. */
  async refresh(terminalId: number): Promise<void> {
    try {
      const terminal = await this.registry.get(terminalId);
      if (!terminal.enabled) return;
      const device = await this.client.information(this.registry.endpoint(terminal));
      await this.registry.recordSeen(terminalId, device);
    } catch (error) {
      if (error instanceof TerminalWaitingError) return;
      this.logger.warn(`terminal #${terminalId}: ${(error as Error).message}`);
      await this.registry.recordError(terminalId, (error as Error).message).catch(() => undefined);
    }
  }
}
