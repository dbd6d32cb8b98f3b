import Database from 'better-sqlite3';
import { JavaDateFormatter } from '../../src/common/protocols/result-code/java-date.formatter';
import { SiteTime } from '../../src/common/clock/site-time';
import { AppConfig } from '../../src/config/app.config';

interface Row {
  id: number;
  name: string;
  tel_no: string;
  apply_time: string;
  state: number;
  photo_key: string;
  card_no: string;
}

export function openBaselineDatabase(path: string): Database.Database {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  return db;
}

/**
 * getfaces.do for an administrator's first page, by hand: the SQL the app runs (session,
 * page, tally) through better-sqlite3 directly, and the same JSON answer.
 */
export function answerFirstPage(db: Database.Database, publicBaseUrl: string) {
  const session = db.prepare('SELECT * FROM auth_session WHERE id = ?');
  const page = db.prepare('SELECT r.* FROM face_registration r ORDER BY r.apply_time DESC, r.id DESC LIMIT ? OFFSET ?');
  const tally = db.prepare('SELECT COALESCE(SUM(t.total), 0) AS total FROM face_registration_tally t');
  const javaDates = new JavaDateFormatter(new SiteTime(new AppConfig()));
  return (params: URLSearchParams) => {
    const claims = JSON.parse(Buffer.from((params.get('accessToken') ?? '..').split('.')[1], 'base64url').toString());
    session.get(claims.jti);
    const size = Number(params.get('pageSize') ?? 20);
    const current = Number(params.get('pageNum') ?? 1);
    const rows = page.all(size, (current - 1) * size) as Row[];
    const total = Number((tally.get() as { total: number }).total);
    return {
      result_code: 0,
      result_msg: '操作数据成功',
      result_time: Date.now(),
      result_data: {
        currentPage: current,
        pageSize: size,
        totalPage: Math.ceil(total / size),
        totalRecord: total,
        dataList: rows.map((r) => ({
          id: r.id,
          name: r.name,
          telNo: r.tel_no,
          applyTime: javaDates.toJava(new Date(`${r.apply_time.replace(' ', 'T')}Z`)),
          imgUrl: `${publicBaseUrl}/files/${r.photo_key}`,
          cardNo: Number(r.card_no),
          state: r.state,
        })),
      },
    };
  };
}
