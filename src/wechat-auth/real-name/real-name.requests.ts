import { hotelRequest, number, text } from '../../common/protocols/hotel/hotel-request';

const OPTIONAL_FIELDS = {
  nation: text({ optional: true, nullable: true }),
  address: text({ optional: true, nullable: true }),
  organization: text({ optional: true, nullable: true }),
  date_start: number({ optional: true, nullable: true }),
  date_end: number({ optional: true, nullable: true }),
};

export const REALNAME_CREATE = hotelRequest('realauth', 'create', {
  id_type: text(),
  id: text(),
  name: text(),
  gender: text(),
  birthday: number(),
  ...OPTIONAL_FIELDS,
});
export const REALNAME_UPDATE = hotelRequest('realauth', 'update', OPTIONAL_FIELDS);
export const REALNAME_GET = hotelRequest('realauth', 'get', {});
