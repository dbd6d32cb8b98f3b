import { IsBoolean, IsIn, IsInt, IsNotEmpty, Max, Min, ValidateIf } from 'class-validator';
import { Env } from './env.decorator';

export type DatabaseType = 'sqlite' | 'mssql' | 'postgres';

const isServer = (c: DatabaseConfig) => c.type !== 'sqlite';
/** The default port of each server database. */
const DEFAULT_PORTS: Record<Exclude<DatabaseType, 'sqlite'>, number> = { mssql: 1433, postgres: 5432 };

export class DatabaseConfig {
  @Env('DB_TYPE')
  @IsIn(['sqlite', 'mssql', 'postgres'])
  type: DatabaseType = 'sqlite';

  @Env('DB_PATH')
  @ValidateIf((c: DatabaseConfig) => c.type === 'sqlite')
  @IsNotEmpty()
  path = './data/facegate.sqlite';

  @Env('DB_HOST')
  @ValidateIf(isServer)
  @IsNotEmpty({ message: 'DB_HOST is required when DB_TYPE is mssql or postgres' })
  host?: string;

  /** 1433 for SQL Server, 5432 for PostgreSQL when not set. */
  @Env('DB_PORT')
  @ValidateIf((c: DatabaseConfig) => c.port !== undefined)
  @IsInt()
  @Min(1)
  @Max(65535)
  port?: number;

  @Env('DB_USERNAME')
  @ValidateIf(isServer)
  @IsNotEmpty({ message: 'DB_USERNAME is required when DB_TYPE is mssql or postgres' })
  username?: string;

  /** Required for SQL Server; PostgreSQL may trust the connection (peer or trust authentication). */
  @Env('DB_PASSWORD', { secret: true })
  @ValidateIf((c: DatabaseConfig) => c.type === 'mssql')
  @IsNotEmpty({ message: 'DB_PASSWORD is required when DB_TYPE=mssql' })
  password?: string;

  @Env('DB_NAME')
  @IsNotEmpty()
  name = 'facegate';

  @Env('DB_ENCRYPT')
  @IsBoolean()
  encrypt = true;

  /** TLS to PostgreSQL (the server's certificate is checked unless DB_TRUST_SERVER_CERTIFICATE). */
  @Env('DB_SSL')
  @IsBoolean()
  ssl = false;

  /** SQL Server's default certificate is self-signed; docker-compose sets this to true. */
  @Env('DB_TRUST_SERVER_CERTIFICATE')
  @IsBoolean()
  trustServerCertificate = false;

  /** The port to connect to: DB_PORT, or the server's default. */
  serverPort(): number {
    return this.port ?? DEFAULT_PORTS[this.type as Exclude<DatabaseType, 'sqlite'>];
  }
}
