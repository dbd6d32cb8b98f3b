import { StaffRole } from './staff-role';

export const ROLES = ['wechat', 'admin'] as const;

/** `wechat`: a mini-program user (subject = openId); `admin`: a back-office user (subject = admin id). */
export type Role = (typeof ROLES)[number];

/** Who is calling, as established from a verified access token. */
export interface Principal {
  sessionId: string;
  role: Role;
  subject: string;
  displayName: string | null;
  /** What a back-office user may do (null for every other role). */
  staffRole: StaffRole | null;
}
