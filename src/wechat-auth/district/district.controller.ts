import { Controller, Get, Ip, Query } from '@nestjs/common';
import { ApiQuery, ApiTags } from '@nestjs/swagger';
import { UpstreamError } from '../../common/errors/domain-errors';
import { HotelAnswer, HotelStatusError } from '../../common/protocols/hotel/hotel-envelope';
import { withStatuses } from '../../common/protocols/hotel/hotel-statuses';
import { ApiHotelEndpoint } from '../../common/protocols/hotel/hotel.swagger';
import { RateCounters, RateLimit } from '../../common/rate-limit/rate-counters.service';
import { DistrictService, SlimDistrict } from './district.service';

/** Each look-up that misses the cache spends AMap quota. */
const LOOKUPS_PER_ADDRESS: RateLimit = { name: 'district-address', limit: 120, windowSeconds: 60, message: 'too many district look-ups from this address' };

@ApiTags('hotel: district')
@Controller('api/map/district')
export class DistrictController {
  constructor(
    private readonly districts: DistrictService,
    private readonly counters: RateCounters,
  ) {}

  @Get()
  @ApiHotelEndpoint({
    summary: "Administrative districts, through AMap's district API, slimmed to names and sub-districts",
    description:
      'Only AMap\'s own parameters are passed on (keywords, subdistrict, page, offset, extensions, filter); key and output are FaceGate\'s, callback is dropped. ' +
      "status is AMap's infocode as a number (0 for its 10000 success), message its info. Answers are kept for an hour.",
    data: { districts: [{ name: '浙江省', districts: [{ name: '杭州市', districts: [] }] }] },
    statuses: "100 Get Json Error (AMap unreachable or not configured); AMap's infocodes (10001 wrong key, ...)",
  })
  @ApiQuery({ name: 'keywords', required: false, example: '浙江' })
  @ApiQuery({ name: 'subdistrict', required: false, example: '1' })
  async district(@Query() query: Record<string, unknown>, @Ip() address: string): Promise<HotelAnswer<{ districts: SlimDistrict[] }>> {
    await this.counters.hit(LOOKUPS_PER_ADDRESS, address);
    const parameters = this.districts.parameters(query);
    const result = await withStatuses([[UpstreamError, 100, 'Get Json Error']], () => this.districts.lookUp(parameters));
    if (result.status !== 0) throw new HotelStatusError(result.status, result.message);
    return { id: null, status: 0, message: result.message || 'OK', data: { districts: result.districts } };
  }
}
