import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { PublicGrantsQuery } from './public-grants.query.js';

/** The channel the triggers of migration PublicDataNotify notify on every change to public data. */
export const PUBLIC_DATA_CHANNEL = 'public_data_changed';

/** Wait before listening again after the listening connection was lost. */
const RELISTEN_MS = 1000;

/**
 * The data version behind the public answers' cache keys and ETags (PublicGrantsQuery.version),
 * remembered between changes instead of asked for on every request. A statement trigger on
 * awards, organisations, directorates and funders notifies PUBLIC_DATA_CHANNEL; PostgreSQL
 * delivers it when the writing transaction commits, so a version read after the last notification
 * already sees every change committed before it. Without a live LISTEN connection (before it is
 * up, while PostgreSQL is away) every call asks the database, as if there were no memory.
 */
@Injectable()
export class PublicDataVersion implements OnModuleDestroy {
  private readonly logger = new Logger(PublicDataVersion.name);
  private listener: pg.Client | null = null;
  private listening = false;
  private connecting = false;
  private closed = false;
  private retry: NodeJS.Timeout | undefined;
  /** Raised on every notification (and on every change of listening state). */
  private generation = 0;
  private current: { generation: number; value: Promise<string> } | null = null;

  constructor(
    private readonly query: PublicGrantsQuery,
    @InjectDataSource() private readonly ds: DataSource,
  ) {}

  /** The current data version: from memory while nothing changed since it was read. */
  get(): Promise<string> {
    this.listen();
    if (this.listening && this.current?.generation === this.generation) return this.current.value;
    const entry = { generation: this.generation, value: this.query.version() };
    if (this.listening) {
      this.current = entry;
      entry.value.catch(() => this.current === entry && (this.current = null));
    }
    return entry.value;
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    const listener = this.listener;
    this.forget();
    await listener?.end().catch(() => undefined);
  }

  private listen(): void {
    if (this.listener || this.connecting || this.closed || this.retry) return;
    this.connecting = true;
    const options = this.ds.options as { url?: string };
    const client = new pg.Client({ connectionString: options.url, application_name: 'compact-funding-tracker-listen' });
    const lost = (err?: Error) => {
      if (this.listener !== client) return;
      // Once per loss, not on every failed attempt to listen again while PostgreSQL is away.
      if (err && this.listening && !this.closed)
        this.logger.warn(`public data notifications lost (${err.message}); asking the database for the version until they are back`);
      this.connecting = false;
      this.forget();
      client.end().catch(() => undefined);
      if (!this.closed) this.retry = setTimeout(() => ((this.retry = undefined), this.listen()), RELISTEN_MS).unref();
    };
    client.on('error', lost);
    client.on('end', () => lost());
    client.on('notification', () => {
      this.generation += 1;
      this.current = null;
    });
    this.listener = client;
    client
      .connect()
      .then(() => client.query(`LISTEN ${PUBLIC_DATA_CHANNEL}`))
      .then(() => {
        if (this.listener !== client) return;
        this.connecting = false;
        if (this.closed) return void client.end().catch(() => undefined);
        // Anything committed before LISTEN took effect is seen by the next version query.
        this.generation += 1;
        this.current = null;
        this.listening = true;
      }, lost);
  }

  private forget(): void {
    this.listener = null;
    this.listening = false;
    this.generation += 1;
    this.current = null;
  }
}
