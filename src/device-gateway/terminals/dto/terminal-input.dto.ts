import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsNotEmpty, IsString, Max, MaxLength, Min, ValidateBy } from 'class-validator';
import { isIP } from 'node:net';
import { Omittable } from '../../../common/validation/omittable';

/** A DNS host name. */
const HOST_NAME = /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

/** `[fe80::1]` is stored as `fe80::1`: URLs bracket it again where they need to. */
const withoutBrackets = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().replace(/^\[(.*)\]$/, '$1') : value);

const IsHost = () =>
  ValidateBy({
    name: 'isHost',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && (isIP(value) !== 0 || (HOST_NAME.test(value) && !/^[\d.]+$/.test(value))),
      defaultMessage: () => 'host must be a host name or an IPv4/IPv6 address',
    },
  });

export class CreateTerminalDto {
  @ApiProperty({ example: 'Lobby entrance', maxLength: 64 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  name: string;

  @ApiProperty({ example: '192.168.1.20', description: 'host name or IP address of the terminal' })
  @Transform(withoutBrackets)
  @IsString()
  @IsHost()
  @MaxLength(255)
  host: string;

  @ApiPropertyOptional({ example: 8899, default: 8899, description: 'HTTP OpenAPI port' })
  @Omittable()
  @IsInt()
  @Min(1)
  @Max(65535)
  port?: number;

  @ApiPropertyOptional({ example: 9000, default: 9000, description: 'record-push WebSocket port' })
  @Omittable()
  @IsInt()
  @Min(1)
  @Max(65535)
  wsPort?: number;

  @ApiPropertyOptional({ example: '123456', default: '123456', description: "the terminal's password (stored encrypted, never returned)" })
  @Omittable()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  password?: string;

  @ApiPropertyOptional({ default: true, description: 'disabled terminals get no requests, record link or provisioning' })
  @Omittable()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional({ default: true, description: 'whether approved people and visitors are provisioned onto this terminal' })
  @Omittable()
  @IsBoolean()
  provisioning?: boolean;
}

export class UpdateTerminalDto extends PartialType(CreateTerminalDto, { skipNullProperties: false }) {}
