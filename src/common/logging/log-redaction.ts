const SECRET_QUERY_PARAMS =
  /([?&](?:accessToken|token|password|oldPassword|newPassword|encryptedData|iv|code|js_code|secret|telNo|phone|mobile|username|proposer|interviewee_phone|weixinUserId|session_key|sign|id_card_number|name|verify_result|user_id_key)=)[^&#]*/gi;
/** Paths that carry a WeChat openid. */
const SECRET_PATH_SEGMENTS = /^(\/v1\/subject\/binding\/)[^/?#]+/i;

/** A URL fit for the log: the values of credential and personal-data parameters are masked, and the rest by value. */
export function redactUrl(url: string): string {
  return redactText(url.replace(SECRET_PATH_SEGMENTS, '$1***').replace(SECRET_QUERY_PARAMS, '$1***'));
}

/** Personal data and credentials by what they look like, wherever they appear in a log line. */
const BY_VALUE: [RegExp, (match: string) => string][] = [
  // JWTs (admin and mini-program access tokens)
  [/eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/g, () => 'eyJ***'],
  // resident ID numbers: 330106********1234, as the API shows them
  [/(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g, (id) => `${id.slice(0, 6)}********${id.slice(-4)}`],
  // mainland mobile numbers: 138****8000
  [/(?<!\d)1[3-9]\d{9}(?!\d)/g, (phone) => `${phone.slice(0, 3)}****${phone.slice(-4)}`],
  // WeChat openids (28 characters starting with o)
  [/(?<![A-Za-z0-9_-])o[A-Za-z0-9_-]{27}(?![A-Za-z0-9_-])/g, () => 'o***'],
  // hotel tokens and QR codes (32 lowercase hex)
  [/(?<![0-9a-f])[0-9a-f]{32}(?![0-9a-f])/g, () => '***'],
];

/** What any of BY_VALUE needs to find at least: most lines have none of it and are left as they are after one pass. */
const MAYBE_SECRET = /eyJ|\d{11}|o[A-Za-z0-9_-]{27}|[0-9a-f]{32}/;

/** Text fit for the log: phone numbers, ID numbers, openids and tokens masked by their shape. */
export function redactText(text: string): string {
  if (!MAYBE_SECRET.test(text)) return text;
  return BY_VALUE.reduce((masked, [pattern, mask]) => masked.replace(pattern, mask), text);
}

/** The same for the strings inside a logged object (an error's message and stack, context fields). */
export function redactValues<T>(value: T, depth = 0): T {
  if (typeof value === 'string') return redactText(value) as T;
  if (value === null || typeof value !== 'object' || depth > 4) return value;
  if (value instanceof Error) {
    const copy = Object.assign(Object.create(Object.getPrototypeOf(value)), value, { message: redactText(value.message), stack: value.stack && redactText(value.stack) });
    return copy as T;
  }
  if (Array.isArray(value)) return value.map((item) => redactValues(item, depth + 1)) as T;
  // Only plain objects are walked: requests, sockets and the like are left to their serializers.
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactValues(item, depth + 1)])) as T;
}
