import { random } from '../../test/support/seeded-random';
import { chineseName, sqliteDate } from '../lib/seed-data';
import { openSeedSink } from '../lib/seed-sink';

/** Applicants: each proposes about 20 of the seeded visits. */
const PROPOSERS = 5_000;
const EMPLOYEES = 500;

export const proposerPhone = (i: number): string => `139${String(i).padStart(8, '0')}`;
const employeePhone = (i: number): string => `138${String(i).padStart(8, '0')}`;

/**
 * Inserts `count` visit applications over the past year, each with its main visitor and, for a
 * third of them, a companion. Straight into the database; the triggers keep the search index and tallies.
 */
export async function seedVisits(path: string, count: number): Promise<void> {
  const sink = await openSeedSink(path);
  const next = random(7);
  const employees = Array.from({ length: EMPLOYEES }, (_, i) => ({ name: chineseName(next), phone: employeePhone(i), department: `部门${i % 20}` }));
  const start = Date.now() - 365 * 86_400_000;
  const step = (365 * 86_400_000) / count;
  const now = sqliteDate(Date.now());
  for (const [i, e] of employees.entries()) await sink.add('employee', { id: i + 1, name: e.name, phone: e.phone, department: e.department, created_at: now, updated_at: now });
  let personId = 0;
  for (let i = 0; i < count; i++) {
    const id = i + 1;
    const created = start + i * step;
    const visitStart = created + 86_400_000 * Math.floor(next() * 7);
    const employeeIndex = Math.floor(next() * EMPLOYEES);
    const employee = employees[employeeIndex];
    const proposer = proposerPhone(Math.floor(next() * PROPOSERS));
    const name = chineseName(next);
    const authorised = next() < 0.8;
    const signedIn = authorised && next() < 0.7;
    await sink.add('visit_application', {
      id,
      subject_type: 1,
      name,
      phone: proposer,
      purpose: Math.floor(next() * 5),
      remark: '',
      come_from: `单位${Math.floor(next() * 300)}`,
      proposer,
      interviewee: employee.name,
      interviewee_phone: employee.phone,
      employee_id: employeeIndex + 1,
      department: employee.department,
      start_time: sqliteDate(visitStart),
      end_time: sqliteDate(visitStart + 2 * 3_600_000),
      group_ids: '',
      is_auth: authorised,
      authorised_at: authorised ? sqliteDate(created + 60_000) : null,
      signin_time: signedIn ? sqliteDate(visitStart) : null,
      created_at: sqliteDate(created),
      updated_at: sqliteDate(created),
    });
    const qr = () => (signedIn ? Math.floor(next() * 2 ** 52).toString(16).padStart(16, '0') + String(i).padStart(16, '0') : null);
    const person = (role: string, personName: string, phone: string) =>
      sink.add('visit_person', { id: ++personId, application_id: id, role, name: personName, phone, photo_key: null, qrcode: qr() });
    await person('visitor', name, proposer);
    if (next() < 0.33) await person('retinue', chineseName(next), proposerPhone(Math.floor(next() * PROPOSERS)));
  }
  await sink.finish();
}
