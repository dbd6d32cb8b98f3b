/** Unix time in whole seconds, as the terminals and the visitor API carry it. */
export function unixSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}
