/** Objects of the terminal OpenAPI (face-terminal-openapi.md, chapter 8), as the terminal sends them. */

/** 8.1.1 */
export interface DeviceObject {
  deviceID: string;
  deviceName: string;
  appVer: string;
  webVer: string;
  /** Sic: the spec spells it this way. */
  deviceMoel: string;
  [key: string]: unknown;
}

/** 8.1.2, 8.1.4, 8.1.5: settings are passed through as the terminal defines them. */
export type TerminalSettings = Record<string, unknown>;

/** 8.2.1 */
export interface UserObject {
  userId: string;
  /** 1 employee, 2 visitor, 3 blacklist, -1 stranger. */
  userType: number;
  /** Base64 JPEG. */
  photo?: string;
  icNumber: string;
  jobNumber: string;
  mobile: string;
  name: string;
  remark: string;
  /** Visit window, Unix seconds. */
  startTime?: number;
  endTime?: number;
  [key: string]: unknown;
}

/** 8.3.1: a UserObject plus the recognition. */
export interface SignObject {
  id: number;
  signAvatar?: string;
  /** Unix seconds. */
  signTime: number;
  type: number;
  inputType?: number;
  similarity?: number;
  temperature?: number | string;
  temperatureState?: number;
  wearMask?: boolean;
  wearMaskAlarm?: boolean;
  deviceMark?: string;
  userId?: string;
  name?: string;
  icNumber?: string;
  idNumber?: string;
  [key: string]: unknown;
}

/** 8.2.5 and 8.3.2. */
export interface TerminalPage<T> {
  total: number;
  pageNum: number;
  size: number;
  pageSize: number;
  totalPage: number;
  data: T[];
}

export interface UserListQuery {
  userId?: string;
  type?: number;
  name?: string;
  jobNumber?: string;
  mobile?: string;
  mail?: string;
  icNumber?: string;
  idNumber?: string;
  department?: string;
  page?: number;
  /** The terminal serves at most 10. */
  size?: number;
}

export interface RecordQuery {
  type?: number;
  userId?: string;
  /** Unix seconds. */
  startTime?: number;
  endTime?: number;
  username?: string;
  page?: number;
  /** At most 1000. */
  size?: number;
}

/** The `{code, message, desc}` answer of every terminal API. */
export interface TerminalAnswer<T = unknown> {
  code: number;
  message?: string;
  desc?: string;
  data?: T;
  json?: unknown;
}

export const TERMINAL_OK = 200;
/** The most users /api/user/list returns per page, whatever is asked. */
export const USER_PAGE_CAP = 10;
export const RECORD_PAGE_CAP = 1000;
