import Database from 'better-sqlite3';
import { random } from '../../test/support/seeded-random';
import { chineseName, sqliteDate } from '../lib/seed-data';

/** Applicants: each proposes about 20 of the seeded visits. */
const PROPOSERS = 5_000;
const EMPLOYEES = 500;

export const proposerPhone = (i: number): string => `139${String(i).padStart(8, '0')}`;
const employeePhone = (i: number): string => `138${String(i).padStart(8, '0')}`;

/**
 * Inserts `count` visit applications over the past year, each with its main visitor and, for a
 * third of them, a companion. Straight into SQLite; the triggers keep the search index and tallies.
 */
export function seedVisits(path: string, count: number): void {
  const db = new Database(path);
  const next = random(7);
  const employees = Array.from({ length: EMPLOYEES }, (_, i) => ({ name: chineseName(next), phone: employeePhone(i), department: `部门${i % 20}` }));
  const addEmployee = db.prepare('INSERT INTO employee (name, phone, department, created_at, updated_at) VALUES (?, ?, ?, ?, ?)');
  const addApplication = db.prepare(
    `INSERT INTO visit_application (subject_type, name, phone, purpose, remark, come_from, proposer, interviewee, interviewee_phone, employee_id,
       department, start_time, end_time, group_ids, is_auth, authorised_at, signin_time, created_at, updated_at)
     VALUES (1, ?, ?, ?, '', ?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?, ?, ?, ?)`,
  );
  const addPerson = db.prepare('INSERT INTO visit_person (application_id, role, name, phone, photo_key, qrcode) VALUES (?, ?, ?, ?, NULL, ?)');
  const start = Date.now() - 365 * 86_400_000;
  const step = (365 * 86_400_000) / count;
  db.transaction(() => {
    const now = sqliteDate(Date.now());
    for (const e of employees) addEmployee.run(e.name, e.phone, e.department, now, now);
    for (let i = 0; i < count; i++) {
      const created = start + i * step;
      const visitStart = created + 86_400_000 * Math.floor(next() * 7);
      const employeeIndex = Math.floor(next() * EMPLOYEES);
      const employee = employees[employeeIndex];
      const proposer = proposerPhone(Math.floor(next() * PROPOSERS));
      const name = chineseName(next);
      const authorised = next() < 0.8;
      const signedIn = authorised && next() < 0.7;
      const { lastInsertRowid } = addApplication.run(
        name,
        proposer,
        Math.floor(next() * 5),
        `单位${Math.floor(next() * 300)}`,
        proposer,
        employee.name,
        employee.phone,
        employeeIndex + 1,
        employee.department,
        sqliteDate(visitStart),
        sqliteDate(visitStart + 2 * 3_600_000),
        authorised ? 1 : 0,
        authorised ? sqliteDate(created + 60_000) : null,
        signedIn ? sqliteDate(visitStart) : null,
        sqliteDate(created),
        sqliteDate(created),
      );
      const qr = () => (signedIn ? Math.floor(next() * 2 ** 52).toString(16).padStart(16, '0') + String(i).padStart(16, '0') : null);
      addPerson.run(lastInsertRowid, 'visitor', name, proposer, qr());
      if (next() < 0.33) addPerson.run(lastInsertRowid, 'retinue', chineseName(next), proposerPhone(Math.floor(next() * PROPOSERS)), qr());
    }
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}
