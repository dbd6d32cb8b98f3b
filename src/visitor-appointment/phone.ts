/** A mainland China mobile number, as the visitor system stores phones. */
export const MAINLAND_MOBILE = /^1[3-9]\d{9}$/;
