import { Body, Controller, HttpCode, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { hotelOk, HotelStatus, HotelStatusError } from '../../common/protocols/hotel/hotel-envelope';
import { parseHotelRequest } from '../../common/protocols/hotel/hotel-request';
import { LocalStatuses, withStatuses } from '../../common/protocols/hotel/hotel-statuses';
import { ApiHotelEndpoint } from '../../common/protocols/hotel/hotel.swagger';
import { HotelSession } from '../hotel-accounts/hotel-session';
import { maskResidentId } from './resident-id';
import { REALNAME_CREATE, REALNAME_GET, REALNAME_UPDATE } from './real-name.requests';
import { NotCertifiedError, RealNameExistsError, RealNameField, RealNameFieldError, RealNameService, RealNameTooLongError, RealNameView } from './real-name.service';

/** The create statuses of each field (the spec's table). */
const CREATE_FIELD_STATUSES: Record<RealNameField, [number, string]> = {
  id_type: [200, 'Error id_type'],
  id: [HotelStatus.ValueError, "Arg's value error"],
  gender: [201, 'Error gender'],
  birthday: [202, 'Error birthday'],
  date_start: [203, 'Error date_start'],
  date_end: [204, 'Error date_end'],
};
const RECORD_SAMPLE = {
  id_type: 'sfz',
  id: '331082********089X',
  name: '王凌超',
  gender: 'male',
  nation: '汉',
  birthday: 943632000,
  address: '浙江省临海市....',
  organization: '临海市公安局',
  date_start: 1467907200,
  date_end: 1783440000,
};

@ApiTags('hotel: real-name')
@Controller('api/realauth')
export class RealNameController {
  constructor(
    private readonly realNames: RealNameService,
    private readonly session: HotelSession,
  ) {}

  @Post()
  @HttpCode(200)
  @ApiHotelEndpoint({
    summary: "Create, change or read the token's account real-name record (实名认证)",
    description:
      'create binds the new record to the account; its id_type, id, name, gender and birthday never change. The ID number is checked (18 characters, a province, ' +
      'a real birth date, the ISO 7064 check digit; -204 otherwise), stored encrypted, and only ever answered masked (330106********1234). ' +
      'create answers {real_auth_id} (masked), get the record (below). Timestamps are Unix seconds; the day counts. With REAL_NAME_CHECK_CONSISTENCY, gender and birthday must agree with the ID number.',
    token: true,
    requests: [REALNAME_CREATE, REALNAME_UPDATE, REALNAME_GET],
    data: RECORD_SAMPLE,
    statuses:
      'create: 100 Create RealAuth failed (the account or the ID number has a record, or a text too long), 200 Error id_type, 201 Error gender, 202 Error birthday, 203 Error date_start, 204 Error date_end; ' +
      'update and get: 100 RealAuth not certified; update: 200 Error date_start/date_end',
  })
  async realName(@Query('token') token: unknown, @Body() body: unknown) {
    const account = await this.session.account(token);
    const request = parseHotelRequest(body, [REALNAME_CREATE, REALNAME_UPDATE, REALNAME_GET]);
    const notCertified: LocalStatuses = [[NotCertifiedError, 100, 'RealAuth not certified']];
    switch (request.subtype) {
      case 'create': {
        const { data } = request;
        const view = await withStatuses([[RealNameExistsError, 100, 'Create RealAuth failed'], [RealNameTooLongError, 100, 'Create RealAuth failed']], () =>
          this.fieldStatuses(() =>
            this.realNames.create(account, {
              idType: data.id_type,
              idNumber: data.id,
              name: data.name,
              gender: data.gender,
              birthday: data.birthday,
              nation: data.nation,
              address: data.address,
              organization: data.organization,
              dateStart: data.date_start,
              dateEnd: data.date_end,
            }),
          ),
        );
        return hotelOk(request.id, { real_auth_id: maskResidentId(view.idNumber) });
      }
      case 'update': {
        const { data } = request;
        await withStatuses([...notCertified, [RealNameFieldError, 200, 'Error date_start/date_end']], () =>
          this.realNames.update(account, { nation: data.nation, address: data.address, organization: data.organization, dateStart: data.date_start, dateEnd: data.date_end }),
        );
        return hotelOk(request.id);
      }
      case 'get':
        return hotelOk(request.id, this.shown(await withStatuses(notCertified, () => this.realNames.ofAccount(account))));
    }
  }

  /** A wrong field of a new record: each has its status. */
  private async fieldStatuses<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof RealNameFieldError)) throw error;
      const [status, message] = CREATE_FIELD_STATUSES[error.field];
      throw new HotelStatusError(status, `${message}: ${error.message}`);
    }
  }

  private shown({ record, idNumber }: RealNameView) {
    return {
      id_type: record.idType,
      id: idNumber,
      name: record.name,
      gender: record.gender,
      nation: record.nation,
      birthday: this.realNames.seconds(record.birthday),
      address: record.address,
      organization: record.organization,
      date_start: this.realNames.seconds(record.dateStart),
      date_end: this.realNames.seconds(record.dateEnd),
    };
  }
}
