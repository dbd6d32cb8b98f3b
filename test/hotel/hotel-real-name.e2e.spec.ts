import { HotelClient, hotelClient, HotelTestApp, registeredAccount, startHotelTestApp } from '../support/hotel-flows';

/** Valid resident ID numbers (check digits computed), their holders' birthdays at midnight Beijing time. */
const ALICE_ID = '33108219991127089X';
const ALICE_BIRTHDAY = Date.UTC(1999, 10, 26, 16) / 1000;
const BOB_ID = '440524198001010013';

function record(fields: Record<string, unknown> = {}) {
  return { id_type: 'sfz', id: ALICE_ID, name: '王凌超', gender: 'male', birthday: ALICE_BIRTHDAY + 3600, ...fields };
}

describe('hotel real-name records (e2e)', () => {
  let t: HotelTestApp;
  let hotel: HotelClient;
  let alice: string;
  let bob: string;

  const realName = (token: string, subtype: string, data: Record<string, unknown> = {}) => hotel('/api/realauth/', { type: 'realauth', subtype, data, token });

  beforeAll(async () => {
    t = await startHotelTestApp({ CAPTCHA_SMS_PER_ADDRESS_PER_HOUR: '1000' });
    hotel = hotelClient(t);
    alice = await registeredAccount(t, hotel, '13800000001');
    bob = await registeredAccount(t, hotel, '13800000002');
  });

  afterAll(() => t.close());

  it.each([
    ['a wrong check digit', { id: '331082199911270891' }, -204, 'check digit'],
    ['30 February', { id: '110105200002300018' }, -204, 'birth date'],
    ['an unknown province', { id: '991082199911270898' }, -204, 'province'],
    ['another id_type', { id_type: 'passport' }, 200, 'Error id_type'],
    ['a gender other than male/female', { gender: 'M' }, 201, 'Error gender'],
    ['a birthday in the future', { birthday: Date.UTC(2100, 0, 1) / 1000 }, 202, 'Error birthday'],
    ['a date_start that is no time', { date_start: -1e15 }, 203, 'Error date_start'],
    ['a date_end that is no time', { date_end: 1e15 }, 204, 'Error date_end'],
    ['a name longer than 30', { name: '王'.repeat(31) }, 100, 'Create RealAuth failed'],
    ['a birthday that is a string', { birthday: '1999-11-27' }, -203, "value type"],
  ])('refuses %s', async (_, fields, status, message) => {
    const answer = await realName(alice, 'create', record(fields));
    expect(answer).toMatchObject({ status, message: expect.stringContaining(message) });
    expect(answer.message).not.toContain(String((fields as { id?: string }).id ?? ALICE_ID).slice(6, 14));
  });

  it('creates the record, binds it, and shows the ID number masked everywhere', async () => {
    const created = await realName(alice, 'create', record({ nation: '汉', address: '浙江省临海市', organization: '临海市公安局', date_start: 1467907200, date_end: 1783440000 }));
    expect(created).toMatchObject({ status: 0, data: { real_auth_id: '331082********089X' } });
    expect(await realName(alice, 'get')).toMatchObject({
      status: 0,
      data: {
        id_type: 'sfz',
        id: '331082********089X',
        name: '王凌超',
        gender: 'male',
        birthday: ALICE_BIRTHDAY,
        nation: '汉',
        address: '浙江省临海市',
        organization: '临海市公安局',
        date_start: 1467907200,
        date_end: 1783440000,
      },
    });
    expect((await hotel('/api/user/info/', { type: 'info', subtype: 'get', token: alice })).data.ID).toBe('331082********089X');
  });

  it('refuses a second record for the account or for the ID number (100)', async () => {
    expect(await realName(alice, 'create', record({ id: BOB_ID }))).toMatchObject({ status: 100 });
    expect(await realName(bob, 'create', record())).toMatchObject({ status: 100 });
  });

  it('changes only the optional fields, and refuses an update without a record (100) or with a bad date (200)', async () => {
    expect(await realName(alice, 'update', { nation: null, address: '杭州市' })).toMatchObject({ status: 0 });
    expect((await realName(alice, 'get')).data).toMatchObject({ nation: null, address: '杭州市', name: '王凌超' });
    expect(await realName(alice, 'update', { name: '别人' })).toMatchObject({ status: -3 });
    expect(await realName(alice, 'update', { date_end: 'soon' })).toMatchObject({ status: -203 });
    expect(await realName(alice, 'update', { date_end: 1e15 })).toMatchObject({ status: 200 });
    expect(await realName(bob, 'update', { nation: '汉' })).toMatchObject({ status: 100 });
    expect(await realName(bob, 'get')).toMatchObject({ status: 100 });
  });

  it("unbinds with real_auth_id null, binds again by the masked or full ID number, and never binds someone else's record", async () => {
    const update = (token: string, data: Record<string, unknown>) => hotel('/api/user/info/', { type: 'info', subtype: 'update', data, token });
    expect(await update(alice, { real_auth_id: null })).toMatchObject({ status: 0 });
    expect(await realName(alice, 'get')).toMatchObject({ status: 100 });
    expect(await update(alice, { real_auth_id: '331082********089X' })).toMatchObject({ status: 0 });
    expect(await realName(alice, 'get')).toMatchObject({ status: 0 });
    expect(await update(bob, { real_auth_id: ALICE_ID })).toMatchObject({ status: 104 });
    expect(await update(bob, { real_auth_id: '331082********089X' })).toMatchObject({ status: 104 });
    expect(await update(alice, { face_id: ALICE_ID })).toMatchObject({ status: 103 });
    expect(await update(alice, { face_id: null })).toMatchObject({ status: 0 });
  });
});

describe('hotel real-name records with REAL_NAME_CHECK_CONSISTENCY (e2e)', () => {
  let t: HotelTestApp;
  let hotel: HotelClient;

  beforeAll(async () => {
    t = await startHotelTestApp({ REAL_NAME_CHECK_CONSISTENCY: 'true' });
    hotel = hotelClient(t);
  });

  afterAll(() => t.close());

  it('refuses a gender or birthday the ID number contradicts', async () => {
    const token = await registeredAccount(t, hotel, '13800000003');
    const create = (fields: Record<string, unknown>) => hotel('/api/realauth/', { type: 'realauth', subtype: 'create', data: record(fields), token });
    expect(await create({ gender: 'female' })).toMatchObject({ status: 201, message: expect.stringContaining('disagrees') });
    expect(await create({ birthday: ALICE_BIRTHDAY + 86400 })).toMatchObject({ status: 202, message: expect.stringContaining('disagrees') });
    expect(await create({})).toMatchObject({ status: 0 });
  });
});
