/** What a back-office account may do: `admin` everything, the others one part of the site each. */
export const STAFF_ROLES = ['admin', 'reviewer', 'operator', 'auditor'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/**
 * The parts of the back office a route belongs to. `own-account` is what every staff member does
 * to their own account (change their password, log out).
 */
export type StaffArea = 'people' | 'doors' | 'records' | 'visitors' | 'audit' | 'accounts' | 'hotel' | 'own-account';

const EVERYONE: readonly StaffRole[] = STAFF_ROLES;

/** Who may change things in each area (`admin` may everywhere). */
const WRITERS: Record<StaffArea, readonly StaffRole[]> = {
  people: ['admin', 'reviewer'],
  doors: ['admin', 'operator'],
  records: ['admin', 'operator'],
  visitors: ['admin', 'operator'],
  audit: [],
  accounts: ['admin'],
  hotel: ['admin'],
  'own-account': EVERYONE,
};

/** Who may read each area: everyone, except the audit log (admin, auditor) and the accounts (admin). */
const READERS: Record<StaffArea, readonly StaffRole[]> = {
  people: EVERYONE,
  doors: EVERYONE,
  records: EVERYONE,
  visitors: EVERYONE,
  audit: ['admin', 'auditor'],
  accounts: ['admin'],
  hotel: EVERYONE,
  'own-account': EVERYONE,
};

export function isStaffRole(value: unknown): value is StaffRole {
  return typeof value === 'string' && (STAFF_ROLES as readonly string[]).includes(value);
}

/** Whether `role` may read (`write` false) or change (`write` true) what lies in `area`. */
export function staffMay(role: StaffRole, area: StaffArea, write: boolean): boolean {
  return role === 'admin' || (write ? WRITERS : READERS)[area].includes(role);
}

/** The areas a role may change, for the console and the docs. */
export function writableAreas(role: StaffRole): StaffArea[] {
  return (Object.keys(WRITERS) as StaffArea[]).filter((area) => staffMay(role, area, true));
}
