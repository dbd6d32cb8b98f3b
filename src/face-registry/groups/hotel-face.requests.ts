import { hotelRequest, integer, scalar, text } from '../../common/protocols/hotel/hotel-request';

/** A group by id (an integer or an integer string) or by name; the id wins. */
const GROUP_REF = {
  group_id: scalar({ optional: true }),
  group_name: text({ optional: true, maxLength: 20 }),
};

export const GROUP_CREATE = hotelRequest('group', 'create', {
  group_name: text({ maxLength: 20 }),
  group_content: text({ optional: true, nullable: true, maxLength: 500 }),
});
export const GROUP_DELETE = hotelRequest('group', 'delete', GROUP_REF);
export const GROUP_UPDATE = hotelRequest('group', 'update', { ...GROUP_REF, group_content: text({ maxLength: 500 }) });
/** The spec lists group_content for get too; it is accepted and ignored. */
export const GROUP_GET = hotelRequest('group', 'get', { ...GROUP_REF, group_content: text({ optional: true, nullable: true }) });
export const GROUP_LIST = hotelRequest('group', 'list', {});

const RET_TYPE = integer({ optional: true });

export const FACE_REGISTER = hotelRequest('face', 'register', {
  base64: text(),
  db: integer({ optional: true }),
  content: text({ optional: true, maxLength: 500 }),
});
export const FACE_FIND = hotelRequest('face', 'find', { base64: text(), db: integer({ optional: true }), ret_type: RET_TYPE });
export const FACE_VERIFY = hotelRequest('face', 'verify', { base64: text(), ret_type: RET_TYPE });
