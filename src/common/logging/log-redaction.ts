const SECRET_QUERY_PARAMS =
  /([?&](?:accessToken|token|password|oldPassword|newPassword|encryptedData|iv|code|js_code|secret|telNo|phone|mobile|username|proposer|interviewee_phone|weixinUserId|session_key|sign|id_card_number|name|verify_result|user_id_key)=)[^&#]*/gi;
/** Paths that carry a WeChat openid. */
const SECRET_PATH_SEGMENTS = /^(\/v1\/subject\/binding\/)[^/?#]+/i;

/** A URL fit for the log: the values of credential and personal-data parameters are masked. */
export function redactUrl(url: string): string {
  return url.replace(SECRET_PATH_SEGMENTS, '$1***').replace(SECRET_QUERY_PARAMS, '$1***');
}
