/** The terminal userId of a visit person: `VS` + subject_id, distinct from registrations' ids. */
export function visitorPersonId(subjectId: number): string {
  return `VS${subjectId}`;
}
