import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, DataSourceOptions } from 'typeorm';
import { DatabaseConfig } from '../config/database.config';
import { buildDataSourceOptions, Entities } from './data-source.options';
import { GatedSqliteDriver, gateSqlite } from './gated-sqlite.driver';
import { UnitOfWork } from './unit-of-work';

/** Opens the data source the way the app needs it (on SQLite: on the gated driver, transactions only through a UnitOfWork once started). */
export async function openDataSource(options: DataSourceOptions): Promise<DataSource> {
  const dataSource = await gateSqlite(new DataSource(options)).initialize();
  if (dataSource.driver instanceof GatedSqliteDriver) dataSource.driver.guarded = true;
  return dataSource;
}

/**
 * Opens the database and brings its schema up to date (migrations run at start-up). The entities
 * come from the application (src/app.entities.ts): this module knows no feature.
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
        TypeOrmModule.forRootAsync({
          inject: [DatabaseConfig],
          useFactory: (db: DatabaseConfig) => buildDataSourceOptions(db, entities),
          dataSourceFactory: (options) => openDataSource(options!),
        }),
      ],
    };
  }
}
