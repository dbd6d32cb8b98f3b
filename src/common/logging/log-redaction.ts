const SECRET_QUERY_PARAMS =
  /([?&](?:accessToken|token|password|oldPassword|newPassword|encryptedData|iv|code|js_code|secret|telNo|phone|mobile|session_key|sign)=)[^&#]*/gi;

/** A URL fit for the log: the values of credential and personal-data parameters are masked. */
export function redactUrl(url: string): string {
  return url.replace(SECRET_QUERY_PARAMS, '$1***');
}
