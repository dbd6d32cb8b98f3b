import { redactUrl } from './log-redaction';

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
});
