import { Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { OnGatewayConnection, OnGatewayDisconnect, WebSocketGateway } from '@nestjs/websockets';
import { IncomingMessage } from 'node:http';
import { RawData, WebSocket } from 'ws';
import { TokenService } from '../../common/auth/token.service';
import { OnEveryInstance } from '../../common/cluster/on-every-instance.decorator';
import { Metrics } from '../../common/metrics/metrics';
import {
  AccessRecordReceived,
  FaceRegistrationApproved,
  FaceRegistrationDeleted,
  FaceRegistrationProvisioningFailed,
  FaceRegistrationRejected,
  FaceRegistrationSubmitted,
  TerminalLinkChanged,
  SessionsEnded,
  VisitChanged,
} from '../../events';
import { SiteTime } from '../../common/clock/site-time';
import { LiveClient } from './live-client';
import { LiveMessage, liveRecordOf } from './live-message';

/** The subprotocol a browser offers, with its token as the second one (browsers cannot set headers on a WebSocket). */
export const LIVE_PROTOCOL = 'facegate.bearer';
/** Access records are sent at most this often, in one message each time. */
const FLUSH_MS = 150;
/** How often each socket's session is checked (expiry, logout, role change). */
const SESSION_CHECK_MS = 15_000;
const CLOSE_UNAUTHENTICATED = 4401;
const MAX_MESSAGE_BYTES = 16 * 1024;

function tokenOf(request: IncomingMessage): string | null {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim();
  const offered = (request.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
  return offered[0] === LIVE_PROTOCOL && offered[1] ? offered[1] : null;
}

/**
 * `/api/admin/live`: what happens at the site, pushed to every console as it happens (see
 * LiveMessage). Only back-office tokens connect; the token comes on the upgrade request
 * (Authorization header, or the subprotocols `facegate.bearer, <token>`), and a console renews it
 * on the open socket with `{"type":"auth","token":…}`.
 */
@WebSocketGateway({
  path: '/api/admin/live',
  handleProtocols: (protocols: Set<string>) => (protocols.has(LIVE_PROTOCOL) ? LIVE_PROTOCOL : false),
  // A console only ever sends a token to renew: anything larger is refused (close 1009) before it is buffered.
  maxPayload: MAX_MESSAGE_BYTES,
})
export class LiveGateway implements OnGatewayConnection, OnGatewayDisconnect, OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(LiveGateway.name);
  private readonly clients = new Map<WebSocket, LiveClient>();
  private flushTimer?: NodeJS.Timeout;
  private sessionTimer?: NodeJS.Timeout;

  constructor(
    private readonly tokens: TokenService,
    private readonly siteTime: SiteTime,
    metrics: Metrics,
  ) {
    metrics.gauge('facegate_console_live_sockets', 'Consoles connected to /api/admin/live', [], async () => [[{}, this.clients.size]]);
  }

  onModuleInit(): void {
    this.flushTimer = setInterval(() => this.clients.forEach((client) => client.flush()), FLUSH_MS).unref();
    this.sessionTimer = setInterval(() => void this.checkSessions(), SESSION_CHECK_MS).unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.flushTimer);
    clearInterval(this.sessionTimer);
  }

  async handleConnection(socket: WebSocket, request: IncomingMessage): Promise<void> {
    const token = tokenOf(request);
    const principal = token ? await this.tokens.principalOf(token) : null;
    if (!principal || principal.role !== 'admin' || !principal.staffRole) {
      socket.close(CLOSE_UNAUTHENTICATED, 'a valid back-office token is required');
      return;
    }
    const client = new LiveClient(socket, principal);
    this.clients.set(socket, client);
    socket.on('message', (data) => void this.onMessage(client, data));
    client.send({ type: 'hello', role: principal.staffRole, username: principal.displayName });
  }

  handleDisconnect(socket: WebSocket): void {
    this.clients.delete(socket);
  }

  /** How many consoles are connected (for /metrics and tests). */
  get connected(): number {
    return this.clients.size;
  }

  @OnEveryInstance(AccessRecordReceived)
  onRecord(event: AccessRecordReceived): void {
    if (this.clients.size === 0) return;
    const record = liveRecordOf(event);
    const hour = event.entry ? this.siteTime.hourStart(Date.parse(event.signedAt)).toISOString() : null;
    this.clients.forEach((client) => client.queue(record, hour));
  }

  @OnEveryInstance(TerminalLinkChanged)
  onLink(event: TerminalLinkChanged): void {
    this.broadcast({ type: 'terminal', terminalId: event.terminalId, linkState: event.linkState, credentialsRefusedAt: event.credentialsRefusedAt, at: event.at });
  }

  @OnEveryInstance(FaceRegistrationProvisioningFailed)
  onProvisioningFailed(event: FaceRegistrationProvisioningFailed): void {
    const { registrationId, personId, terminalId, terminalName, reason, failedAt } = event;
    this.broadcast({ type: 'provisioning-failed', registrationId, personId, terminalId, terminalName, reason, at: failedAt });
  }

  @OnEveryInstance(FaceRegistrationSubmitted)
  onSubmitted(event: FaceRegistrationSubmitted): void {
    if (event.state === 0) this.broadcast({ type: 'registration', registrationId: event.registrationId, name: event.name, at: event.submittedAt });
  }

  @OnEveryInstance(FaceRegistrationApproved)
  onApproved(event: FaceRegistrationApproved): void {
    this.broadcast({ type: 'registration-reviewed', registrationId: event.registrationId, change: 'approved', at: event.approvedAt });
  }

  @OnEveryInstance(FaceRegistrationRejected)
  onRejected(event: FaceRegistrationRejected): void {
    this.broadcast({ type: 'registration-reviewed', registrationId: event.registrationId, change: 'rejected', at: event.rejectedAt });
  }

  @OnEveryInstance(FaceRegistrationDeleted)
  onDeleted(event: FaceRegistrationDeleted): void {
    this.broadcast({ type: 'registration-reviewed', registrationId: event.registrationId, change: 'deleted', at: event.deletedAt });
  }

  @OnEveryInstance(VisitChanged)
  onVisit(event: VisitChanged): void {
    this.broadcast({ type: 'visit', applicationId: event.applicationId, change: event.change, at: event.at });
  }

  private broadcast(message: LiveMessage): void {
    this.clients.forEach((client) => client.send(message));
  }

  /** `{"type":"auth","token":…}` renews the socket's token; anything else is ignored. */
  private async onMessage(client: LiveClient, data: RawData): Promise<void> {
    let message: { type?: unknown; token?: unknown };
    try {
      message = JSON.parse(data.toString());
    } catch {
      return;
    }
    if (message?.type !== 'auth' || typeof message.token !== 'string') return;
    const principal = await this.tokens.principalOf(message.token);
    if (principal?.role === 'admin' && principal.staffRole && principal.subject === client.principal.subject) {
      client.principal = principal;
      client.send({ type: 'hello', role: principal.staffRole, username: principal.displayName });
    } else {
      client.send({ type: 'expired' });
      client.socket.close(CLOSE_UNAUTHENTICATED, 'the token offered does not renew this session');
    }
  }

  /** Sessions ended on this instance or another: their sockets close now. */
  @OnEveryInstance(SessionsEnded)
  async onSessionsEnded(event: SessionsEnded): Promise<void> {
    await this.checkSessions((client) => client.principal.role === event.role && client.principal.subject === event.subject);
  }

  /** Closes the sockets whose session ended (of the clients `which` picks); runs every SESSION_CHECK_MS for all. */
  async checkSessions(which: (client: LiveClient) => boolean = () => true): Promise<void> {
    for (const client of [...this.clients.values()].filter(which)) {
      const live = await this.tokens.stillValid(client.principal.sessionId).catch((error: Error) => {
        this.logger.warn(`cannot check a live session: ${error.message}`);
        return true;
      });
      if (live) continue;
      client.send({ type: 'expired' });
      client.socket.close(CLOSE_UNAUTHENTICATED, 'the session has ended');
    }
  }
}
