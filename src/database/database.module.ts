import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DatabaseConfig } from '../config/database.config';
import { buildDataSourceOptions } from './data-source.options';

/** Opens the database and brings its schema up to date (migrations run at start-up). */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [DatabaseConfig],
      useFactory: (db: DatabaseConfig) => buildDataSourceOptions(db),
    }),
  ],
})
export class DatabaseModule {}
