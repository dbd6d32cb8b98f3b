import { Controller, Get, Res, ServiceUnavailableException } from '@nestjs/common';
import { Response } from 'express';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { FaceEngineHealth } from './face-engine.health';
import { ClusterHealth } from './cluster.health';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly faceEngine: FaceEngineHealth,
    private readonly cluster: ClusterHealth,
  ) {}

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process answers HTTP. Touches nothing else, so a slow database or a loading engine never restarts it.' })
  @ApiOkResponse({ schema: { example: { status: 'ok' } } })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @HealthCheck()
  @ApiOperation({
    summary:
      'Readiness: the database answers, the face engine has loaded its models (or is switched off), the face index is loaded and, in a cluster, Redis answers. 503 until then.',
  })
  @ApiOkResponse({
    schema: {
      example: {
        status: 'ok',
        info: {
          database: { status: 'up' },
          redis: { status: 'up', instance: 'app-1' },
          faceEngine: {
            status: 'up',
            state: 'ready',
            detail: '1 of 1 workers ready, 0 images waiting',
            model: 'faceplugin-fr_feature 0.0.1/align-5pt-umeyama',
            index: { registrations: 1200, 'hotel:1': 85 },
          },
        },
        error: {},
        details: {},
      },
    },
  })
  @ApiServiceUnavailableResponse({ description: 'Not ready: `error` names what is down (e.g. faceEngine in state "loading").' })
  async ready(@Res({ passthrough: true }) response: Response): Promise<HealthCheckResult> {
    try {
      return await this.health.check([
        () => this.database.pingCheck('database', { timeout: 3000 }),
        () => this.faceEngine.check(),
        ...(this.cluster.enabled ? [() => this.cluster.check()] : []),
      ]);
    } catch (error) {
      // Terminus reports "not ready" as an exception carrying the result; it is an answer, not an error.
      if (!(error instanceof ServiceUnavailableException)) throw error;
      response.status(503);
      return error.getResponse() as HealthCheckResult;
    }
  }
}
