import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ClusterMembership } from '../../common/cluster/cluster-membership';
import { Lease, RedisLeases } from '../../common/cluster/redis-leases';
import { Metrics } from '../../common/metrics/metrics';
import { CoalescingPass } from '../../common/work/coalescing-pass';
import { ClusterConfig } from '../../config/cluster.config';
import { OnEveryInstance } from '../../common/cluster/on-every-instance.decorator';
import { TerminalChanged } from './terminal-changed.event';
import { TerminalQuery } from './terminal.query';
import { OwnershipListener, TerminalOwnership } from './terminal-ownership';

const leaseName = (terminalId: number) => `terminal:${terminalId}`;

/**
 * Terminal ownership in a cluster: each enabled terminal is leased in Redis by one live instance,
 * which renews its leases a few times per lease period. Every instance takes an even share (the
 * terminal count divided by the live instances, the first ones in name order taking one more), so
 * shares differ by one at most; an instance that stops renewing loses its terminals to the others
 * when its leases run out. An instance stops acting for a terminal when its lease runs out by its
 * own clock, before it learns anything from Redis: one that was paused wakes up as a non-owner.
 */
@Injectable()
export class LeasedTerminalOwnership extends TerminalOwnership implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly shared = true;
  private readonly logger = new Logger('TerminalOwnership');
  private readonly held = new Map<number, { lease: Lease; validUntil: number }>();
  private readonly listeners: OwnershipListener[] = [];
  private readonly pass = new CoalescingPass(() => this.balance());
  private readonly takeovers;
  private timer?: NodeJS.Timeout;
  private watchdog?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly leases: RedisLeases,
    private readonly membership: ClusterMembership,
    private readonly terminals: TerminalQuery,
    private readonly config: ClusterConfig,
    metrics: Metrics,
  ) {
    super();
    this.takeovers = metrics.counter('facegate_terminal_leases_taken_total', 'Terminal leases this instance took (a start, a takeover or a rebalance)');
    metrics.gauge('facegate_terminals_owned', 'Terminals this instance acts for', [], async () => [[{}, this.held.size]]);
  }

  owns(terminalId: number): boolean {
    const held = this.held.get(terminalId);
    return held !== undefined && Date.now() < held.validUntil;
  }

  onChange(listener: OwnershipListener): void {
    this.listeners.push(listener);
  }

  /** The terminals held now (for tests and the health page). */
  get owned(): number[] {
    return [...this.held.keys()].filter((id) => this.owns(id)).sort((a, b) => a - b);
  }

  /** A terminal added, enabled, disabled or removed anywhere in the cluster is taken or let go at once. */
  @OnEveryInstance(TerminalChanged)
  onTerminalChanged(): void {
    void this.pass.run();
  }

  /** Runs a balancing pass now (tests). */
  rebalance(): Promise<void> {
    return this.pass.run();
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.pass.run(), this.passMs).unref();
    // Apart from the passes, which wait for Redis: what runs for a terminal stops when its lease runs out, Redis or not.
    this.watchdog = setInterval(() => this.expire(), Math.max(50, Math.floor(this.config.terminalLeaseMs / 10))).unref();
    void this.pass.run();
  }

  /** Before Redis and the database close: what runs for each terminal stops, and its lease goes to the others at once. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    clearInterval(this.watchdog);
    await this.pass.current;
    for (const [id, { lease }] of [...this.held]) {
      this.lose(id, 'shutting down');
      await this.leases.release(lease, this.config.instanceId).catch(() => undefined);
    }
    await this.membership.leave().catch(() => undefined);
  }

  /** A lease is renewed this often: five times per lease period. */
  private get passMs(): number {
    return Math.max(200, Math.floor(this.config.terminalLeaseMs / 5));
  }

  private async balance(): Promise<void> {
    if (this.stopped) return;
    const started = Date.now();
    // Whatever ran out while this process was not running (paused, starved) is given up first.
    this.expire();
    try {
      const ttl = this.config.terminalLeaseMs;
      const members = await this.membership.beat(ttl);
      const terminals = await this.terminals.enabledIds();
      const validUntil = started + ttl - Math.floor(ttl / 5);
      await this.renew(validUntil);
      await this.dropGone(new Set(terminals));
      const quota = this.quota(terminals.length, members);
      if (this.held.size > quota) await this.giveUp(this.held.size - quota);
      else if (this.held.size < quota) await this.take(terminals, quota - this.held.size, members, validUntil);
    } catch (error) {
      this.logger.warn(`balancing pass failed (terminals are given up as their leases run out): ${(error as Error).message}`);
    }
  }

  /** Gives up the terminals whose lease ran out by this process's clock. */
  private expire(): void {
    const now = Date.now();
    for (const [id, held] of [...this.held]) if (now >= held.validUntil) this.lose(id, 'its lease ran out before it was renewed');
  }

  private async renew(validUntil: number): Promise<void> {
    const ids = [...this.held.keys()];
    const renewed = await this.leases.renew(ids.map((id) => this.held.get(id)!.lease), this.config.instanceId, this.config.terminalLeaseMs);
    ids.forEach((id, i) => {
      const lease = renewed[i];
      if (lease) this.held.set(id, { lease, validUntil });
      else this.lose(id, 'another instance holds its lease');
    });
  }

  private async dropGone(terminals: Set<number>): Promise<void> {
    for (const [id, { lease }] of [...this.held]) {
      if (terminals.has(id)) continue;
      this.lose(id, 'disabled or removed');
      await this.leases.release(lease, this.config.instanceId);
    }
  }

  /** This instance's share: the first `terminals % members` instances in name order take one more. */
  private quota(terminals: number, members: string[]): number {
    const live = members.includes(this.config.instanceId) ? members : [...members, this.config.instanceId].sort();
    const index = live.indexOf(this.config.instanceId);
    return Math.floor(terminals / live.length) + (index < terminals % live.length ? 1 : 0);
  }

  /** Gives up the highest-numbered terminals, after closing what runs for them. */
  private async giveUp(count: number): Promise<void> {
    const surplus = [...this.held.keys()].sort((a, b) => b - a).slice(0, count);
    for (const id of surplus) {
      const { lease } = this.held.get(id)!;
      this.lose(id, 'rebalanced to another instance');
      await this.leases.release(lease, this.config.instanceId);
    }
  }

  /** Takes free terminals, starting at a place of its own in the list so instances seldom race for the same ones. */
  private async take(terminals: number[], wanted: number, members: string[], validUntil: number): Promise<void> {
    const free = terminals.filter((id) => !this.held.has(id));
    const start = free.length === 0 ? 0 : (Math.max(0, members.indexOf(this.config.instanceId)) * Math.ceil(free.length / Math.max(1, members.length))) % free.length;
    const order = [...free.slice(start), ...free.slice(0, start)];
    for (const id of order) {
      if (wanted === 0 || this.stopped) return;
      const lease = await this.leases.acquire(leaseName(id), this.config.instanceId, this.config.terminalLeaseMs);
      if (!lease) continue;
      this.held.set(id, { lease, validUntil });
      this.takeovers.inc();
      wanted -= 1;
      this.logger.log(`terminal #${id} is now this instance's (lease token ${lease.token})`);
      this.tell(id, true);
    }
  }

  private lose(id: number, why: string): void {
    if (!this.held.delete(id)) return;
    this.logger.log(`terminal #${id} is no longer this instance's: ${why}`);
    this.tell(id, false);
  }

  private tell(id: number, owned: boolean): void {
    for (const listener of this.listeners) {
      try {
        listener(id, owned);
      } catch (error) {
        this.logger.error(`terminal #${id} ownership listener failed: ${(error as Error).message}`);
      }
    }
  }
}
