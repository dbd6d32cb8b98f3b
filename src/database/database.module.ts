import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, DataSourceOptions } from 'typeorm';
import { DatabaseConfig } from '../config/database.config';
import { buildDataSourceOptions } from './data-source.options';
import { gateSqliteTransactions } from './sqlite-transaction-gate';

/** Opens the data source the way the app needs it (on SQLite: with transactions gated). */
export async function openDataSource(options: DataSourceOptions): Promise<DataSource> {
  const dataSource = await new DataSource(options).initialize();
  gateSqliteTransactions(dataSource);
  return dataSource;
}

/** Opens the database and brings its schema up to date (migrations run at start-up). */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [DatabaseConfig],
      useFactory: (db: DatabaseConfig) => buildDataSourceOptions(db),
      dataSourceFactory: (options) => openDataSource(options!),
    }),
  ],
})
export class DatabaseModule {}
