import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { FaceEngineHealth } from './face-engine.health';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly faceEngine: FaceEngineHealth,
  ) {}

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process answers HTTP. Touches nothing else, so a slow database or a loading engine never restarts it.' })
  @ApiOkResponse({ schema: { example: { status: 'ok' } } })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @HealthCheck()
  @ApiOperation({ summary: 'Readiness: the database answers and the face engine has loaded its models (or is switched off). 503 until then.' })
  @ApiOkResponse({
    schema: {
      example: {
        status: 'ok',
        info: {
          database: { status: 'up' },
          faceEngine: { status: 'up', state: 'ready', detail: '1 of 1 workers ready, 0 images waiting', model: 'faceplugin-fr_feature 0.0.1/align-5pt-umeyama' },
        },
        error: {},
        details: {},
      },
    },
  })
  @ApiServiceUnavailableResponse({ description: 'Not ready: `error` names what is down (e.g. faceEngine in state "loading").' })
  ready(): Promise<HealthCheckResult> {
    return this.health.check([() => this.database.pingCheck('database', { timeout: 3000 }), () => this.faceEngine.check()]);
  }
}
