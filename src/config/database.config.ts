import { IsBoolean, IsIn, IsInt, IsNotEmpty, Max, Min, ValidateIf } from 'class-validator';
import { Env } from './env.decorator';

export type DatabaseType = 'sqlite' | 'mssql';

export class DatabaseConfig {
  @Env('DB_TYPE')
  @IsIn(['sqlite', 'mssql'])
  type: DatabaseType = 'sqlite';

  @Env('DB_PATH')
  @ValidateIf((c: DatabaseConfig) => c.type === 'sqlite')
  @IsNotEmpty()
  path = './data/facegate.sqlite';

  @Env('DB_HOST')
  @ValidateIf((c: DatabaseConfig) => c.type === 'mssql')
  @IsNotEmpty({ message: 'DB_HOST is required when DB_TYPE=mssql' })
  host?: string;

  @Env('DB_PORT')
  @IsInt()
  @Min(1)
  @Max(65535)
  port = 1433;

  @Env('DB_USERNAME')
  @ValidateIf((c: DatabaseConfig) => c.type === 'mssql')
  @IsNotEmpty({ message: 'DB_USERNAME is required when DB_TYPE=mssql' })
  username?: string;

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

  /** SQL Server's default certificate is self-signed; docker-compose sets this to true. */
  @Env('DB_TRUST_SERVER_CERTIFICATE')
  @IsBoolean()
  trustServerCertificate = false;
}
