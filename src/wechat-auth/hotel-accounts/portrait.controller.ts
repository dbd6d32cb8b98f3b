import { Body, Controller, Get, HttpCode, Ip, Post, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { InvalidInputError } from '../../common/errors/domain-errors';
import { hotelOk } from '../../common/protocols/hotel/hotel-envelope';
import { parseHotelRequest } from '../../common/protocols/hotel/hotel-request';
import { withStatuses } from '../../common/protocols/hotel/hotel-statuses';
import { ApiHotelEndpoint } from '../../common/protocols/hotel/hotel.swagger';
import { RateCounters, RateLimit } from '../../common/rate-limit/rate-counters.service';
import { HotelSession } from './hotel-session';
import { PORTRAIT_UPLOAD } from './hotel-user.requests';
import { PortraitService, PortraitStorageError } from './portrait.service';

/** Portraits answer anyone who names an account: enough for pages, too few to sweep phone numbers. */
const PORTRAITS_PER_ADDRESS: RateLimit = { name: 'hotel-portrait-address', limit: 300, windowSeconds: 60, message: 'too many portraits from this address' };

@ApiTags('hotel: accounts')
@Controller('api/user/portrait')
export class PortraitController {
  constructor(
    private readonly portraits: PortraitService,
    private readonly session: HotelSession,
    private readonly counters: RateCounters,
  ) {}

  @Get()
  @ApiOperation({
    summary: "An account's portrait (JPEG)",
    description: 'The default portrait when the account has uploaded none; the error picture for a missing or unknown username. No token needed; limited per address.',
  })
  @ApiQuery({ name: 'username', required: true, example: '13750687010' })
  @ApiProduces('image/jpeg')
  @ApiOkResponse({ description: 'the picture; header X-Portrait says uploaded, default or error' })
  async get(@Query('username') username: unknown, @Ip() address: string, @Res() response: Response): Promise<void> {
    await this.counters.hit(PORTRAITS_PER_ADDRESS, address);
    const { kind, jpeg } = await this.portraits.of(typeof username === 'string' ? username : undefined);
    response
      .status(200)
      .type('image/jpeg')
      .setHeader('x-portrait', kind)
      .setHeader('cache-control', kind === 'uploaded' ? 'private, max-age=60' : 'no-cache')
      .end(jpeg);
  }

  @Post()
  @HttpCode(200)
  @ApiHotelEndpoint({
    summary: "Upload the token's account portrait (base64, with or without a data-URL prefix; JPEG or PNG)",
    token: true,
    requests: [PORTRAIT_UPLOAD],
    data: { url: '/api/user/portrait/?username=19857160634' },
    statuses: '100 Error base64 data, 101 Upload portrait failed',
  })
  async upload(@Query('token') token: unknown, @Body() body: unknown) {
    const account = await this.session.account(token);
    const { id, data } = parseHotelRequest(body, [PORTRAIT_UPLOAD]);
    await withStatuses(
      [
        [InvalidInputError, 100, 'Error base64 data'],
        [PortraitStorageError, 101, 'Upload portrait failed'],
      ],
      () => this.portraits.upload(account, data.base64),
    );
    return hotelOk(id, { url: `/api/user/portrait/?username=${account.username}` });
  }
}
