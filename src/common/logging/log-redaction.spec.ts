import { redactText, redactUrl, redactValues } from './log-redaction';

describe('redactUrl', () => {
  it('masks credentials and phone numbers in query strings, leaving the rest', () => {
    expect(redactUrl('/SkyFaceRegister/getfaces.do?accessToken=eyJabc.def&state=1&telNo=13800138000')).toBe(
      '/SkyFaceRegister/getfaces.do?accessToken=***&state=1&telNo=***',
    );
    expect(redactUrl('/x?password=p&oldPassword=o&newPassword=n&code=c&encryptedData=e&iv=i')).toBe(
      '/x?password=***&oldPassword=***&newPassword=***&code=***&encryptedData=***&iv=***',
    );
    expect(redactUrl('/SkyFaceRegister/login.do')).toBe('/SkyFaceRegister/login.do');
  });

  it("masks the visitor API's phones and WeChat openids, in query strings and in paths", () => {
    expect(redactUrl('/v1/visit/records?type=mobile&proposer=13922222222&interviewee_phone=13811111111&page=2')).toBe(
      '/v1/visit/records?type=mobile&proposer=***&interviewee_phone=***&page=2',
    );
    expect(redactUrl('/v1/subject/binding?weixinUserId=oAbc123')).toBe('/v1/subject/binding?weixinUserId=***');
    expect(redactUrl('/v1/subject/binding/oAbc123')).toBe('/v1/subject/binding/***');
    expect(redactUrl('/v1/auth/12?weixinUserId=oAbc123')).toBe('/v1/auth/12?weixinUserId=***');
  });

  it("masks the hotel API's tokens and account names", () => {
    expect(redactUrl('/api/user/info/?token=debc454ea24827b67178482fd73f37c3')).toBe('/api/user/info/?token=***');
    expect(redactUrl('/api/user/portrait/?username=13750687010')).toBe('/api/user/portrait/?username=***');
  });
});

describe('redactText (by value)', () => {
  it('masks phones, ID numbers, openids, tokens and JWTs wherever they stand', () => {
    const line = 'no account 13700000001; id 33108219991127089X for oAbCdEfGhIjKlMnOpQrStUvWxYz1; token debc454ea24827b67178482fd73f37c3 jwt eyJhbGciOi.eyJzdWIiOiIxIn0.sig_nat-ure';
    expect(redactText(line)).toBe('no account 137****0001; id 331082********089X for o***; token *** jwt eyJ***');
  });

  it('leaves numbers that are not phones or ID numbers alone', () => {
    expect(redactText('registration #12345 at 1795973877768 ms, terminal 30002, card 800138000')).toBe(
      'registration #12345 at 1795973877768 ms, terminal 30002, card 800138000',
    );
  });

  it('masks query strings under any key, and errors inside logged objects', () => {
    expect(redactUrl('/anything?foo=13800138000&bar=x')).toBe('/anything?foo=138****8000&bar=x');
    const logged = redactValues({ err: new Error('terminal answered 30001 (phone 13800138000)'), context: 'Registrations' });
    expect(logged.err.message).toBe('terminal answered 30001 (phone 138****8000)');
    expect(logged.err).toBeInstanceOf(Error);
  });
});
