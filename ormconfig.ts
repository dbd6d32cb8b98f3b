import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { ENTITIES } from './src/app.entities';
import { loadConfiguration } from './src/config/configuration';
import { buildDataSourceOptions } from './src/database/data-source.options';

/** The TypeORM CLI's data source (npm run migration:run / migration:revert), configured like the app. */
export default new DataSource(buildDataSourceOptions(loadConfiguration(process.env).database, ENTITIES));
