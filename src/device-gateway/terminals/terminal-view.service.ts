import { Injectable } from '@nestjs/common';
import { Page } from '../../common/paging/page';
import { ProvisioningQuery } from '../provisioning/provisioning.query';
import { RecordSequence } from '../records/record-sequence.service';
import { TerminalBackoff } from '../terminal-api/terminal-backoff';
import { TerminalClock } from '../terminal-api/terminal-clock';
import { TerminalDto, TerminalPageDto } from './dto/terminal.dto';
import { Terminal } from './terminal.entity';

const iso = (date: Date | null) => date?.toISOString() ?? null;
const seconds = (ms: number | null) => (ms === null ? null : Math.round(ms / 1000));

/** Terminals as the admin REST shows them: no password, with link state and provisioning backlog. */
@Injectable()
export class TerminalViewService {
  constructor(
    private readonly provisioning: ProvisioningQuery,
    private readonly records: RecordSequence,
    private readonly clocks: TerminalClock,
    private readonly backoff: TerminalBackoff,
  ) {}

  async one(terminal: Terminal): Promise<TerminalDto> {
    return (await this.many([terminal]))[0];
  }

  async page(page: Page<Terminal>): Promise<TerminalPageDto> {
    return { items: await this.many(page.items), page: page.page, size: page.size, total: page.total };
  }

  private async many(terminals: Terminal[]): Promise<TerminalDto[]> {
    const ids = terminals.map((t) => t.id);
    const [counts, cursors] = await Promise.all([this.provisioning.countsByTerminal(ids), this.records.cursors(ids)]);
    return terminals.map((t) => ({
      id: t.id,
      name: t.name,
      host: t.host,
      port: t.port,
      wsPort: t.wsPort,
      enabled: t.enabled,
      provisioning: t.provisioning,
      online: t.linkState === 'connected',
      linkState: t.linkState,
      lastSeenAt: iso(t.lastSeenAt),
      lastError: t.lastError,
      lastErrorAt: iso(t.lastErrorAt),
      credentialsRefusedAt: iso(t.credentialsRefusedAt),
      nextAttemptAt: this.backoff.availability(t.id).nextAttemptAt?.toISOString() ?? null,
      deviceId: t.deviceId,
      deviceName: t.deviceName,
      deviceModel: t.deviceModel,
      appVersion: t.appVersion,
      webVersion: t.webVersion,
      provisioningTasks: counts.get(t.id)!,
      recordsCompleteUpTo: cursors.get(t.id)?.recordId ?? null,
      recordsLost: cursors.get(t.id)?.lost ?? 0,
      clockOffsetSeconds: seconds(this.clocks.offsetMs(t.id)),
      createdAt: t.createdAt.toISOString(),
      updatedAt: t.updatedAt.toISOString(),
    }));
  }
}
