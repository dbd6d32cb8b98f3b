import { Matches } from 'class-validator';

/** A mainland China mobile number, as registrations, employees and visitors store phones (no +86). */
export const MAINLAND_MOBILE = /^1[3-9]\d{9}$/;

export const MAINLAND_MOBILE_RULE = 'must be a mainland mobile number (11 digits starting with 1)';

export function IsMainlandMobile(): PropertyDecorator {
  return Matches(MAINLAND_MOBILE, { message: `$property ${MAINLAND_MOBILE_RULE}` });
}
