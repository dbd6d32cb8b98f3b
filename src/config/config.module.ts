import { DynamicModule, Global, Module } from '@nestjs/common';
import { CONFIG_AREAS, Configuration } from './configuration';

/** Makes each configuration area injectable by its class, e.g. `constructor(private db: DatabaseConfig)`. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(configuration: Configuration): DynamicModule {
    const areas: object[] = Object.values(configuration).filter((value) => CONFIG_AREAS.some((area) => value instanceof area));
    const providers = [
      { provide: Configuration, useValue: configuration },
      ...areas.map((area) => ({ provide: area.constructor, useValue: area })),
    ];
    return { module: ConfigModule, providers, exports: providers.map((p) => p.provide) };
  }
}
