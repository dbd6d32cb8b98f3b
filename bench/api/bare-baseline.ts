import Database from 'better-sqlite3';
import { createServer } from 'node:http';
import { AppConfig } from '../../src/config/app.config';
import { JavaDateFormatter } from '../../src/common/protocols/result-code/java-date.formatter';

/**
 * The throughput baseline: a bare Node http server answering getfaces.do with the same SQL the
 * app runs (session lookup, page, tally) through better-sqlite3, and the same JSON. No framework,
 * no token verification, no logging.
 */
const db = new Database(process.env.DB_PATH!);
db.pragma('journal_mode = WAL');
const session = db.prepare(
  `SELECT "AuthSession"."id" AS "AuthSession_id", "AuthSession"."role" AS "AuthSession_role", "AuthSession"."subject" AS "AuthSession_subject", "AuthSession"."display_name" AS "AuthSession_display_name", "AuthSession"."created_at" AS "AuthSession_created_at", "AuthSession"."expires_at" AS "AuthSession_expires_at" FROM "auth_session" "AuthSession" WHERE (("AuthSession"."id" = ?)) LIMIT 1`,
);
const page = db.prepare(
  `SELECT "r"."id" AS "r_id", "r"."name" AS "r_name", "r"."open_id" AS "r_open_id", "r"."tel_no" AS "r_tel_no", "r"."apply_time" AS "r_apply_time", "r"."state" AS "r_state", "r"."photo_key" AS "r_photo_key", "r"."card_no" AS "r_card_no", "r"."reviewed_at" AS "r_reviewed_at", "r"."reviewed_by" AS "r_reviewed_by", "r"."updated_at" AS "r_updated_at" FROM "face_registration" "r" ORDER BY "r"."apply_time" DESC, "r"."id" DESC LIMIT ? OFFSET ?`,
);
const tally = db.prepare(`SELECT COALESCE(SUM("t"."total"), 0) AS "total" FROM "face_registration_tally" "t"`);
const javaDates = new JavaDateFormatter(new AppConfig());
const base = process.env.PUBLIC_BASE_URL!;

interface Row {
  r_id: number;
  r_name: string;
  r_tel_no: string;
  r_apply_time: string;
  r_state: number;
  r_photo_key: string;
  r_card_no: string;
}

createServer((req, res) => {
  if (req.method !== 'POST') {
    res.writeHead(404).end();
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const params = new URLSearchParams(Buffer.concat(chunks).toString());
    const claims = JSON.parse(Buffer.from((params.get('accessToken') ?? '..').split('.')[1], 'base64url').toString());
    session.get(claims.jti);
    const size = Number(params.get('pageSize') ?? 20);
    const current = Number(params.get('pageNum') ?? 1);
    const rows = page.all(size, (current - 1) * size) as Row[];
    const total = Number((tally.get() as { total: number }).total);
    const body = {
      result_code: 0,
      result_msg: '操作数据成功',
      result_time: Date.now(),
      result_data: {
        currentPage: current,
        pageSize: size,
        totalPage: Math.ceil(total / size),
        totalRecord: total,
        dataList: rows.map((r) => ({
          id: r.r_id,
          name: r.r_name,
          telNo: r.r_tel_no,
          applyTime: javaDates.toJava(new Date(`${r.r_apply_time.replace(' ', 'T')}Z`)),
          imgUrl: `${base}/files/${r.r_photo_key}`,
          cardNo: Number(r.r_card_no),
          state: r.r_state,
        })),
      },
    };
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(body));
  });
}).listen(Number(process.env.PORT), '127.0.0.1');
