import { Injectable } from '@nestjs/common';

type Entry = { at: number; bytes: number; value: Promise<unknown> };

/**
 * A least-recently-used memo of promises with a time limit, an entry limit and a byte budget.
 * Concurrent callers of one key share one promise; a failed load is forgotten.
 */
export class Memo {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;

  constructor(
    private readonly limits: { ttlMs: number; maxEntries: number; maxBytes: number },
    private readonly sizeOf: (value: unknown) => number = () => 0,
  ) {}

  get<T>(key: string, load: () => Promise<T>, now = Date.now()): Promise<T> {
    const hit = this.entries.get(key);
    if (hit && now - hit.at < this.limits.ttlMs) {
      this.entries.delete(key); // Map order is insertion order: re-insert as most recently used
      this.entries.set(key, hit);
      return hit.value as Promise<T>;
    }
    if (hit) this.remove(key);
    const value = load();
    const entry: Entry = { at: now, bytes: 0, value };
    this.entries.set(key, entry);
    value.then(
      (v) => {
        if (this.entries.get(key) !== entry) return;
        entry.bytes = this.sizeOf(v);
        this.bytes += entry.bytes;
        this.evict();
      },
      () => this.entries.get(key) === entry && this.remove(key),
    );
    this.evict();
    return value;
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.bytes -= entry.bytes;
    this.entries.delete(key);
  }

  private evict(): void {
    while (this.entries.size > this.limits.maxEntries || (this.bytes > this.limits.maxBytes && this.entries.size > 1))
      this.remove(this.entries.keys().next().value!);
  }
}

/**
 * The public reads' memory, per API process. Keys include the data version
 * (PublicGrantsQuery.version), so a change to the data is seen at once; entries also expire after
 * a minute, which bounds how stale an answer can be when the version misses a change (two
 * overlapping write transactions can commit with an older updated_at).
 * - `data`: catalogues and summaries (small);
 * - `responses`: finished answers by ETag, so a popular URL costs one version query (32 MB budget).
 */
@Injectable()
export class PublicCache {
  static readonly TTL_MS = 60_000;
  readonly data = new Memo({ ttlMs: PublicCache.TTL_MS, maxEntries: 500, maxBytes: Infinity });
  readonly responses = new Memo({ ttlMs: PublicCache.TTL_MS, maxEntries: 1000, maxBytes: 32 * 1024 * 1024 }, (r) =>
    typeof (r as { body?: unknown })?.body === 'string' ? (r as { body: string }).body.length * 2 : 0,
  );
}
