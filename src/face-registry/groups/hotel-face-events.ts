/** Events of one hotel account's faces are delivered in order (its face binding follows them). */
export function hotelFaceKey(accountId: number): string {
  return `hotel-face-account:${accountId}`;
}
