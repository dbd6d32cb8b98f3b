/** Codes of the face-registration protocol (`/SkyFaceRegister/*.do`), section 五 of its spec. */
export enum ResultCode {
  Ok = 0,
  NotLoggedIn = -1,
  FetchFailed = -2,
  InvalidParameter = -3,
  LoginFailed = -4,
  DataError = -5,
  WechatKeyFailed = -6,
  DecryptFailed = -7,
  AlreadyRegistered = -8,
  ReviewFailed = -9,
  PasswordChangeFailed = -10,
  OldPasswordWrong = -11,
}

export const RESULT_MESSAGES: Record<ResultCode, string> = {
  [ResultCode.Ok]: '操作数据成功',
  [ResultCode.NotLoggedIn]: '用户未登录',
  [ResultCode.FetchFailed]: '获取数据失败',
  [ResultCode.InvalidParameter]: '参数输入错误',
  [ResultCode.LoginFailed]: '用户登录失败',
  [ResultCode.DataError]: '数据异常错误',
  [ResultCode.WechatKeyFailed]: '获得密码键值错误',
  [ResultCode.DecryptFailed]: '数据解密错误',
  [ResultCode.AlreadyRegistered]: '用户已注册，请勿重复注册',
  [ResultCode.ReviewFailed]: '用户审核失败！',
  [ResultCode.PasswordChangeFailed]: '修改密码失败！',
  [ResultCode.OldPasswordWrong]: '旧密码不符，修改密码失败！',
};

/** The envelope: `result_time` is epoch milliseconds; errors carry no `result_data`. */
export interface ResultEnvelope<T = unknown> {
  result_code: ResultCode;
  result_msg: string;
  result_time: number;
  result_data?: T;
}

export function resultOk<T>(data: T, message: string = RESULT_MESSAGES[ResultCode.Ok]): ResultEnvelope<T> {
  return { result_code: ResultCode.Ok, result_msg: message, result_time: Date.now(), result_data: data };
}

/** `result_msg` is the spec's text for the code, followed by what exactly went wrong. */
export function resultError(code: ResultCode, detail?: string): ResultEnvelope<never> {
  const base = RESULT_MESSAGES[code];
  return { result_code: code, result_msg: detail ? `${base}: ${detail}` : base, result_time: Date.now() };
}
