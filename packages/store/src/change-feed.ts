// The change feed: the committed version, the changes since a version, and listeners told of new versions.
import type { ChangeWatch, DialectAdapter } from './dialects/dialect.js';
import { StoreError } from './errors.js';
import { mapDriverError } from './executor.js';
import type { ChangeFeed, ChangeKind, ChangeListener, ChangeRecord, ChangeSet } from './types.js';

/** The default and largest number of change rows one `changesSince` returns. */
const DEFAULT_LIMIT = 10_000;

/**
 * Change feed over the `config_version` counter and the `change_log` table. Listeners hear of
 * this store's own commits at once, and of other processes' commits through the dialect's watch
 * (PostgreSQL NOTIFY) and a periodic version check that runs only while someone listens.
 */
export class StoreChangeFeed implements ChangeFeed {
  readonly #dialect: DialectAdapter;
  readonly #pollIntervalMs: number;
  readonly #guard: () => void;
  readonly #listeners = new Set<ChangeListener>();
  #lastNotified = -1;
  #watch: ChangeWatch | undefined;
  #timer: NodeJS.Timeout | undefined;
  #checking = false;
  #closed = false;

  constructor(dialect: DialectAdapter, pollIntervalMs: number, guard: () => void) {
    this.#dialect = dialect;
    this.#pollIntervalMs = pollIntervalMs;
    this.#guard = guard;
  }

  async version(): Promise<number> {
    this.#assertOpen();
    try {
      const row = await this.#dialect.db
        .selectFrom('config_version')
        .select('version')
        .where('id', '=', 1)
        .executeTakeFirstOrThrow();
      return Number(row.version);
    } catch (error) {
      throw mapDriverError(this.#dialect, error);
    }
  }

  async changesSince(since: number, options: { readonly limit?: number } = {}): Promise<ChangeSet> {
    if (!Number.isSafeInteger(since) || since < 0) {
      throw new StoreError('STORE_INVALID_ARGUMENT', `invalid version ${String(since)}`);
    }
    const limit = Math.max(1, Math.min(options.limit ?? DEFAULT_LIMIT, DEFAULT_LIMIT));
    // Versions commit in order, so every change up to `current` is already visible.
    const current = await this.version();
    if (since >= current) return { version: current, changes: [], complete: since === current };
    try {
      const db = this.#dialect.db;
      const oldest = await db
        .selectFrom('change_log')
        .select((eb) => eb.fn.min('version').as('version'))
        .executeTakeFirst();
      if (oldest?.version === null || oldest === undefined || Number(oldest.version) > since + 1) {
        return { version: current, changes: [], complete: false };
      }
      const rows = await db
        .selectFrom('change_log')
        .selectAll()
        .where('version', '>', since)
        .where('version', '<=', current)
        .orderBy('seq')
        .limit(limit + 1)
        .execute();
      let changes: ChangeRecord[] = rows.map((row) => ({
        version: Number(row.version),
        kind: row.kind as ChangeKind,
        id: row.entity_id,
        zone_id: row.zone_id,
        op: row.op as ChangeRecord['op'],
        at: row.at,
      }));
      if (changes.length <= limit) return { version: current, changes, complete: true };
      // Cut at a version boundary so no transaction is split; keep at least one whole version.
      const cutVersion = changes[limit]?.version ?? current;
      const whole = changes.filter((change) => change.version < cutVersion);
      if (whole.length > 0) {
        changes = whole;
      } else {
        changes = await this.#oneVersion(cutVersion);
      }
      const reached = changes.at(-1)?.version ?? since;
      return { version: reached, changes, complete: false };
    } catch (error) {
      throw mapDriverError(this.#dialect, error);
    }
  }

  async #oneVersion(version: number): Promise<ChangeRecord[]> {
    const rows = await this.#dialect.db
      .selectFrom('change_log')
      .selectAll()
      .where('version', '=', version)
      .orderBy('seq')
      .execute();
    return rows.map((row) => ({
      version: Number(row.version),
      kind: row.kind as ChangeKind,
      id: row.entity_id,
      zone_id: row.zone_id,
      op: row.op as ChangeRecord['op'],
      at: row.at,
    }));
  }

  subscribe(listener: ChangeListener): () => void {
    this.#assertOpen();
    this.#listeners.add(listener);
    if (this.#listeners.size === 1) this.#startWatching();
    let active = true;
    return () => {
      if (!active) return;
      active = false;
      this.#listeners.delete(listener);
      if (this.#listeners.size === 0) void this.#stopWatching().catch(() => undefined);
    };
  }

  /**
   * Sets the version listeners are assumed to know (the one current when the store opened), so a
   * later check reports only what changed since.
   */
  prime(version: number): void {
    this.#lastNotified = Math.max(this.#lastNotified, version);
  }

  /** Called by the store after one of its own transactions committed. */
  committed(version: number): void {
    this.#publish(version);
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#listeners.clear();
    await this.#stopWatching();
  }

  #publish(version: number): void {
    if (version <= this.#lastNotified) return;
    this.#lastNotified = version;
    for (const listener of [...this.#listeners]) {
      try {
        listener(version);
      } catch {
        // A failing listener must not stop the others nor the committing writer.
      }
    }
  }

  #startWatching(): void {
    this.#watch = this.#dialect.watch(
      (version) => {
        if (version !== undefined) this.#publish(version);
        else void this.#check();
      },
      () => undefined,
    );
    this.#timer = setInterval(() => void this.#check(), this.#pollIntervalMs);
    this.#timer.unref();
  }

  async #stopWatching(): Promise<void> {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
    const watch = this.#watch;
    this.#watch = undefined;
    if (watch !== undefined) await watch.close();
  }

  async #check(): Promise<void> {
    if (this.#checking || this.#closed) return;
    this.#checking = true;
    try {
      this.#publish(await this.version());
    } catch {
      // The database is away; the next check or reconnect will catch up.
    } finally {
      this.#checking = false;
    }
  }

  #assertOpen(): void {
    if (this.#closed) throw new StoreError('STORE_CLOSED', 'the store is closed');
    this.#guard();
  }
}
