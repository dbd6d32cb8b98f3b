import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, DataSourceOptions } from 'typeorm';
import { DatabaseConfig } from '../config/database.config';
import { ClusterConfig } from '../config/cluster.config';
import { InstanceLock } from './instance-lock';
import { buildDataSourceOptions, Entities } from './data-source.options';
import { GatedSqliteDriver, gateSqlite } from './gated-sqlite.driver';
import { UnitOfWork } from './unit-of-work';

/** Opens the data source the way the app needs it (on SQLite: on the gated driver, transactions only through a UnitOfWork once started). */
export async function openDataSource(options: DataSourceOptions): Promise<DataSource> {
  const dataSource = await gateSqlite(new DataSource(options)).initialize();
  if (dataSource.driver instanceof GatedSqliteDriver) dataSource.driver.guarded = true;
  return dataSource;
}

/** Brings a server database's schema up to date on a data source of its own. */
async function migrate(options: DataSourceOptions): Promise<void> {
  const migrating = await new DataSource(options).initialize();
  await migrating.destroy();
}

/** Takes the instance lock before anything else touches the database (see InstanceLock). */
@Module({
  providers: [
    {
      provide: InstanceLock,
      inject: [DatabaseConfig, ClusterConfig],
      useFactory: (db: DatabaseConfig, cluster: ClusterConfig) => InstanceLock.take(db, cluster.enabled ? 'cluster' : 'alone'),
    },
  ],
  exports: [InstanceLock],
})
class InstanceLockModule {}

/**
 * Opens the database and brings its schema up to date (migrations run at start-up, one instance
 * at a time). The entities come from the application (src/app.entities.ts): this module knows no
 * feature.
 */
@Module({})
export class DatabaseModule {
  static forRoot(entities: Entities): DynamicModule {
    return {
      module: DatabaseModule,
      global: true,
      providers: [UnitOfWork],
      exports: [UnitOfWork],
      imports: [
        InstanceLockModule,
        TypeOrmModule.forRootAsync({
          imports: [InstanceLockModule],
          inject: [DatabaseConfig, ClusterConfig, InstanceLock],
          useFactory: async (db: DatabaseConfig, cluster: ClusterConfig, lock: InstanceLock) => {
            const options = buildDataSourceOptions(db, entities);
            // Alone, the exclusive instance lock already keeps every other instance out.
            if (!cluster.enabled) return options;
            await lock.whileMigrating(() => migrate(options));
            return { ...options, migrationsRun: false };
          },
          dataSourceFactory: (options) => openDataSource(options!),
        }),
      ],
    };
  }
}
