import { openServiceDatabase } from '../../test/support/service-database';
import { sql } from '../../test/support/test-sql';

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬芳燕彩春菊兰凤洁梅琳素云莲真环雪荣爱妹霞香月莺媛艳瑞凡佳嘉琼勤珍贞莉桂娣叶璧璐娅琦晶妍茜秋珊莎锦黛青倩婷姣婉娴瑾颖露瑶怡婵雁蓓纨仪荷丹蓉眉君琴蕊薇菁梦岚苑婕馨瑗琰韵融园艺咏卿聪澜纯毓悦昭冰爽琬茗羽希宁欣飘育滢馥筠柔竹霭凝晓欢霄枫芸菲寒伊亚宜可姬舒影荔枝思丽';

/** A name of two or three characters, as most Chinese names are. */
export function chineseName(next: () => number): string {
  return (
    SURNAMES[Math.floor(next() * SURNAMES.length)] +
    GIVEN[Math.floor(next() * GIVEN.length)] +
    (next() < 0.6 ? GIVEN[Math.floor(next() * GIVEN.length)] : '')
  );
}

/** A date as TypeORM stores it in SQLite (and as PostgreSQL reads a UTC timestamp). */
export function sqliteDate(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
}

/** A name of `length` characters from the second half of a seeded table: a search that finds someone. */
export async function seededName(dbPath: string, table: string, length: number): Promise<string> {
  const db = await openServiceDatabase(dbPath);
  try {
    const [row] = await sql(db, `SELECT name FROM ${table} WHERE LENGTH(name) = ? AND id >= (SELECT MAX(id) / 2 FROM ${table}) ORDER BY id LIMIT 1`, [length]);
    return (row as { name: string }).name;
  } finally {
    await db.destroy();
  }
}
