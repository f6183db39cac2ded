import { randomBytes } from 'node:crypto';
import type { DataSource, QueryRunner } from 'typeorm';

/** Rows fetched per round trip: large enough to keep PostgreSQL busy, small enough to keep memory flat. */
export const DEFAULT_BATCH_SIZE = 2000;

/**
 * One read-only REPEATABLE READ transaction for a whole export, so that every sheet and every file
 * of one job describes the same moment even while commissioners keep writing.
 */
export class Snapshot {
  constructor(private readonly qr: QueryRunner) {}

  query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.qr.query(sql, params) as Promise<T[]>;
  }

  /**
   * A server-side cursor over `sql`, fetched in batches: a million rows never sit in memory.
   * The cursor is closed however the loop ends.
   */
  async *batches<T>(sql: string, params: unknown[] = [], size = DEFAULT_BATCH_SIZE): AsyncGenerator<T[]> {
    const cursor = `export_${randomBytes(6).toString('hex')}`;
    const fetch = () => this.qr.query(`FETCH ${size} FROM ${cursor}`) as Promise<T[]>;
    await this.qr.query(`DECLARE ${cursor} NO SCROLL CURSOR FOR ${sql}`, params);
    // The next batch is asked for before this one is handed over: PostgreSQL reads while Node writes.
    let next: Promise<T[]> | null = fetch();
    try {
      while (next) {
        const rows: T[] = await next;
        next = rows.length === size ? fetch() : null;
        if (rows.length) yield rows;
      }
    } finally {
      await next?.catch(() => undefined);
      // After a failed statement the transaction is aborted and CLOSE would hide the real error.
      await this.qr.query(`CLOSE ${cursor}`).catch(() => undefined);
    }
  }

  /** The same cursor, one row at a time. */
  async *rows<T>(sql: string, params: unknown[] = [], size = DEFAULT_BATCH_SIZE): AsyncGenerator<T> {
    for await (const batch of this.batches<T>(sql, params, size)) yield* batch;
  }
}

export async function withSnapshot<T>(ds: DataSource, work: (snapshot: Snapshot) => Promise<T>): Promise<T> {
  const qr = ds.createQueryRunner();
  await qr.connect();
  try {
    await qr.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const result = await work(new Snapshot(qr));
    await qr.query('COMMIT');
    return result;
  } catch (e) {
    await qr.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    await qr.release();
  }
}
