import { TerminalCallers } from './callbacks/terminal-callers';
import { AccessRecordsCsv } from './records/access-records.csv';
import { PersonDoorsController } from './provisioning/person-doors.controller';
import { RecordSnapshots } from './records/record-snapshots.service';
import { SnapshotRetentionJob } from './records/snapshot-retention.job';
import { GatewayMetrics } from './gateway.metrics';
import { TerminalQuery } from './terminals/terminal.query';
import { TerminalAddressPolicy } from './terminal-api/terminal-address.policy';
import { DynamicModule, Module } from '@nestjs/common';
import { ClusterConfig } from '../config/cluster.config';
import { LeasedTerminalOwnership } from './terminals/leased-terminal-ownership';
import { TerminalOwnership, WholeSiteOwnership } from './terminals/terminal-ownership';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TerminalCallbacksController } from './callbacks/terminal-callbacks.controller';
import { TerminalCallbacks } from './callbacks/terminal-callbacks.service';
import { AccessGrant } from './provisioning/access-grant.entity';
import { GrantEventsListener } from './provisioning/grant-events.listener';
import { VisitorGrantsListener } from './provisioning/visitor-grants.listener';
import { VisitorSweepJob } from './provisioning/visitor-sweep.job';
import { ProvisioningController } from './provisioning/provisioning.controller';
import { ProvisioningAnnouncer } from './provisioning/provisioning-announcer.service';
import { ProvisioningPlanner } from './provisioning/provisioning-planner.service';
import { ProvisioningTasks } from './provisioning/provisioning-tasks.service';
import { ProvisioningQuery } from './provisioning/provisioning.query';
import { ProvisioningTask } from './provisioning/provisioning-task.entity';
import { ProvisioningWorker } from './provisioning/provisioning-worker.service';
import { TerminalPhotoSource } from './provisioning/terminal-photo.source';
import { ReconciliationRun } from './reconciliation/reconciliation-run.entity';
import { ReconciliationController } from './reconciliation/reconciliation.controller';
import { Reconciler } from './reconciliation/reconciler.service';
import { AccessRecord } from './records/access-record.entity';
import { AccessRecordsController } from './records/access-records.controller';
import { RecordBackfill } from './records/record-backfill.service';
import { RecordCheckJob } from './records/record-check.job';
import { RecordCursor } from './records/record-cursor.entity';
import { RecordLoss } from './records/record-loss.entity';
import { RecordLossesController } from './records/record-losses.controller';
import { RecordSequence } from './records/record-sequence.service';
import { RecordIngestor } from './records/record-ingestor.service';
import { RecordLinks } from './records/record-links.service';
import { TerminalBackoff } from './terminal-api/terminal-backoff';
import { AccessRecordQuery } from './records/access-record.query';
import { AccessRecordWriter } from './records/access-record.writer';
import { TerminalClock } from './terminal-api/terminal-clock';
import { TerminalHttpClient } from './terminal-api/terminal-http.client';
import { TerminalOperationsController } from './terminals/terminal-operations.controller';
import { TerminalOperations } from './terminals/terminal-operations.service';
import { TerminalRegistry } from './terminals/terminal-registry.service';
import { TerminalStatusService } from './terminals/terminal-status.service';
import { TerminalViewService } from './terminals/terminal-view.service';
import { Terminal } from './terminals/terminal.entity';
import { TerminalsController } from './terminals/terminals.controller';

/**
 * Door terminals: their signed HTTP API, record links, access grants and provisioning,
 * reconciliation and callbacks. Depends on no other feature module: it hears events.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Terminal, AccessGrant, ProvisioningTask, AccessRecord, RecordCursor, RecordLoss, ReconciliationRun])],
  controllers: [PersonDoorsController, 
    TerminalsController,
    TerminalOperationsController,
    ProvisioningController,
    AccessRecordsController,
    RecordLossesController,
    ReconciliationController,
    TerminalCallbacksController,
  ],
  providers: [
    AccessRecordsCsv,
    AccessRecordQuery,
    AccessRecordWriter,
    TerminalClock,
    TerminalBackoff,
    TerminalHttpClient,
    TerminalAddressPolicy,
    TerminalCallers,
    RecordSnapshots,
    SnapshotRetentionJob,
    GatewayMetrics,
    TerminalQuery,
    TerminalRegistry,
    TerminalStatusService,
    TerminalViewService,
    TerminalOperations,
    ProvisioningPlanner,
    ProvisioningAnnouncer,
    ProvisioningTasks,
    ProvisioningWorker,
    ProvisioningQuery,
    TerminalPhotoSource,
    GrantEventsListener,
    VisitorGrantsListener,
    VisitorSweepJob,
    RecordIngestor,
    RecordSequence,
    RecordBackfill,
    RecordCheckJob,
    RecordLinks,
    Reconciler,
    TerminalCallbacks,
  ],
})
export class DeviceGatewayModule {
  /** In a cluster each terminal is run by the instance that leases it; alone, by this process. */
  static forRoot(cluster: ClusterConfig): DynamicModule {
    return { module: DeviceGatewayModule, providers: [{ provide: TerminalOwnership, useClass: cluster.enabled ? LeasedTerminalOwnership : WholeSiteOwnership }] };
  }
}
