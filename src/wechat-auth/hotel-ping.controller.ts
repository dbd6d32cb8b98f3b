import { Body, Controller, Get, Header, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { hotelOk, requestId } from '../common/protocols/hotel/hotel-envelope';
import { ApiHotelEndpoint } from '../common/protocols/hotel/hotel.swagger';

@ApiTags('hotel: accounts')
@Controller('api/ping')
export class HotelPingController {
  @Get()
  @Header('content-type', 'text/plain; charset=utf-8')
  @ApiOperation({ summary: 'Is the hotel API up? GET answers the text pong' })
  @ApiProduces('text/plain')
  @ApiOkResponse({ schema: { type: 'string', example: 'pong' } })
  ping(): string {
    return 'pong';
  }

  @Post()
  @HttpCode(200)
  @ApiHotelEndpoint({ summary: 'Is the hotel API up? POST answers the envelope with message pong (any body)' })
  pingEnvelope(@Body() body: unknown) {
    return hotelOk(requestId(body), {}, 'pong');
  }
}
