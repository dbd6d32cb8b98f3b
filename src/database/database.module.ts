import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, DataSourceOptions } from 'typeorm';
import { DatabaseConfig } from '../config/database.config';
import { buildDataSourceOptions, Entities } from './data-source.options';
import { gateSqliteTransactions } from './sqlite-transaction-gate';

/** Opens the data source the way the app needs it (on SQLite: with transactions gated). */
export async function openDataSource(options: DataSourceOptions): Promise<DataSource> {
  const dataSource = await new DataSource(options).initialize();
  gateSqliteTransactions(dataSource);
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
