// Keeps the edge's inputs between reloads and brings them up to date from the change feed, re-reading
// only what the changes touched (one revocation → that certificate's row), with a full read as fallback.
import { CUSTOM_RULES_PHASE } from '@portcullis/model';
import type { ChangeKind, ChangeRecord, Store } from '@portcullis/store';
import type { Logger } from 'pino';
import { readEdgeInputs, type EdgeInputs } from './edge-config-from-store.js';

/** How a read was made, for logs and tests. */
export type EdgeInputsReadKind = 'full' | 'incremental' | 'unchanged';

/** Counters of {@link IncrementalEdgeInputs}. */
export interface EdgeInputsReadStats {
  readonly full: number;
  readonly incremental: number;
  readonly unchanged: number;
  /** Why the last full read was made ('first read', 'change log pruned', an error message…). */
  readonly lastFullReason: string | null;
}

/** What a change kind makes the reader re-read. */
type Effect =
  | 'nothing'
  | 'zones'
  | 'hostnames'
  | 'certificate_authorities'
  | 'client_certificates'
  | 'mtls_certificates'
  | 'crls'
  | 'associations'
  | 'rulesets';

/**
 * The re-read each change kind needs. Exhaustive on purpose: a new kind fails to compile here
 * until someone decides what the edge must re-read for it (an unknown kind at run time → full read).
 * `setting`: EdgeInputs holds no setting (the edge CA's key is for issuing, not serving);
 * `account`, `api_token`: nothing the edge serves.
 */
const EFFECTS: Readonly<Record<ChangeKind, Effect>> = {
  account: 'nothing',
  api_token: 'nothing',
  setting: 'nothing',
  zone: 'zones',
  hostname: 'hostnames',
  certificate_authority: 'certificate_authorities',
  client_certificate: 'client_certificates',
  mtls_certificate: 'mtls_certificates',
  crl: 'crls',
  hostname_association: 'associations',
  ruleset: 'rulesets',
};

/** Pages of `changesSince` (up to 10,000 rows each) applied as a delta before a full read is preferred. */
const MAX_PAGES = 5;

/** Raised inside a delta when only a full read can be trusted; its message is the reason. */
class NeedsFullRead extends Error {}

/**
 * Reads the edge's inputs: fully the first time, then as deltas over the last result. The result
 * always equals what {@link readEdgeInputs} would return at the same version (tested on random
 * change sequences); unchanged parts keep their identity (the same arrays), so the mapping and
 * the edge can reuse them. Anything unexpected — a pruned or cut change log, an unknown change
 * kind, a zone deleted (its rows go by cascade without change rows), a changed certificate that
 * is gone, or any error — falls back to a full read.
 */
export class IncrementalEdgeInputs {
  readonly #store: Store;
  readonly #logger: Logger | undefined;
  #last: EdgeInputs | undefined;
  #lastKind: EdgeInputsReadKind = 'full';
  #stats = { full: 0, incremental: 0, unchanged: 0, lastFullReason: null as string | null };

  readonly #pageSize: number | undefined;

  /** @param options.pageSize - change rows per `changesSince` page (default: the store's, 10,000); tests make it small. */
  constructor(
    store: Store,
    options: { readonly logger?: Logger | undefined; readonly pageSize?: number } = {},
  ) {
    this.#store = store;
    this.#logger = options.logger;
    this.#pageSize = options.pageSize;
  }

  /** The inputs at the change feed's current version (or newer rows, never older; see EdgeInputs.version). */
  async read(): Promise<EdgeInputs> {
    const last = this.#last;
    if (last === undefined) return this.#full('first read');
    let next: EdgeInputs;
    try {
      next = await this.#delta(last);
    } catch (error) {
      const reason =
        error instanceof NeedsFullRead ? error.message : `delta failed: ${(error as Error).message}`;
      return this.#full(reason);
    }
    // Two reads may overlap (a timed-out one still running): never go back to an older version.
    if (this.#last === last || (this.#last?.version ?? -1) <= next.version) this.#last = next;
    return next;
  }

  /** How the last read was made. */
  lastReadKind(): EdgeInputsReadKind {
    return this.#lastKind;
  }

  stats(): EdgeInputsReadStats {
    return { ...this.#stats };
  }

  async #full(reason: string): Promise<EdgeInputs> {
    const inputs = await readEdgeInputs(this.#store);
    if (this.#last === undefined || this.#last.version <= inputs.version) this.#last = inputs;
    this.#lastKind = 'full';
    this.#stats.full += 1;
    this.#stats.lastFullReason = reason;
    if (reason !== 'first read')
      this.#logger?.info({ reason, version: inputs.version }, 'edge configuration read in full');
    return inputs;
  }

  async #delta(last: EdgeInputs): Promise<EdgeInputs> {
    // A long history comes in pages (cut at version boundaries); past MAX_PAGES a full read is cheaper.
    const changes: ChangeRecord[] = [];
    let version = last.version;
    for (let page = 1; ; page += 1) {
      const feed = await this.#store.changes.changesSince(
        version,
        this.#pageSize === undefined ? {} : { limit: this.#pageSize },
      );
      if (feed.version < version)
        throw new NeedsFullRead('the change feed is behind this reader (database restored?)');
      if (!feed.complete && feed.changes.length === 0)
        throw new NeedsFullRead('the change log does not reach back (pruned)');
      changes.push(...feed.changes);
      version = feed.version;
      if (feed.complete) break;
      if (page >= MAX_PAGES) throw new NeedsFullRead(`more than ${changes.length} changes to apply`);
    }
    const feed = { version, changes };
    const touched = new Map<Effect, Set<string>>();
    for (const change of feed.changes) {
      const effect = effectOf(change);
      if (effect === 'nothing') continue;
      let ids = touched.get(effect);
      if (ids === undefined) touched.set(effect, (ids = new Set()));
      ids.add(change.id);
    }
    if (touched.size === 0) {
      this.#lastKind = 'unchanged';
      this.#stats.unchanged += 1;
      return feed.version === last.version ? last : { ...last, version: feed.version };
    }

    const store = this.#store;
    const ids = (effect: Effect) => [...(touched.get(effect) ?? [])];
    const has = (effect: Effect) => touched.has(effect);
    const crlIds = [...ids('crls'), ...ids('mtls_certificates')];
    const [
      zones,
      hostnames,
      credentials,
      managedCas,
      mtlsCertificates,
      associations,
      rulesets,
      states,
      crls,
      nextUpdates,
    ] = await Promise.all([
      has('zones') ? store.zones.listAll() : last.zones,
      has('hostnames') ? store.hostnames.listAll() : last.hostnames,
      has('hostnames') ? store.hostnames.listEdgeCredentials() : last.credentials,
      has('certificate_authorities') ? store.certificateAuthorities.listAll() : last.managedCas,
      has('mtls_certificates') ? store.mtlsCertificates.listAll() : last.mtlsCertificates,
      has('associations') ? store.hostnameAssociations.listAll() : last.associations,
      has('rulesets') ? store.rulesets.listEntrypoints(CUSTOM_RULES_PHASE) : last.rulesets,
      has('client_certificates') ? store.clientCertificates.revocationStates(ids('client_certificates')) : [],
      crlIds.length > 0 ? store.mtlsCertificates.crlSerialsOf(crlIds) : ({} as Record<string, string[]>),
      crlIds.length > 0
        ? store.mtlsCertificates.crlNextUpdates(crlIds)
        : ({} as Record<string, string | null>),
    ]);

    let managedRevocations = last.managedRevocations;
    if (has('client_certificates')) {
      if (states.length !== touched.get('client_certificates')!.size) {
        throw new NeedsFullRead('a changed client certificate is gone');
      }
      managedRevocations = patchRevocations(last.managedRevocations, states);
    }
    // A CA whose fresh read has no CRL loses its entry; an unchanged serial list keeps its old
    // array, so the edge's "same list" fast path applies.
    const crlRevocations = patchByCa(last.crlRevocations, crlIds, crls, (old, fresh) =>
      old !== undefined && sameList(old, fresh) ? old : fresh,
    );
    const crlNextUpdates = patchByCa(last.crlNextUpdates, crlIds, nextUpdates, (_old, fresh) => fresh);

    this.#lastKind = 'incremental';
    this.#stats.incremental += 1;
    return {
      version: feed.version,
      zones,
      hostnames,
      credentials,
      managedCas,
      mtlsCertificates,
      associations,
      rulesets,
      managedRevocations,
      crlRevocations,
      crlNextUpdates,
    };
  }
}

function effectOf(change: ChangeRecord): Effect {
  const effect = (EFFECTS as Partial<Record<string, Effect>>)[change.kind];
  if (effect === undefined) throw new NeedsFullRead(`unknown change kind ${change.kind}`);
  // A deleted zone takes its CAs, certificates, rulesets and associations with it, without change rows.
  if (change.kind === 'zone' && change.op === 'delete') throw new NeedsFullRead('a zone was deleted');
  return effect;
}

/**
 * Applies certificates' revoked flags to per-CA sorted serial lists (revokedSerialsByCa's shape:
 * only CAs with a revoked serial, lists sorted, upper-case hex). Lists are never modified in
 * place: a changed CA gets a new array, every other CA keeps its array (the edge reuses it).
 */
export function patchRevocations(
  lists: Readonly<Record<string, readonly string[]>>,
  states: readonly {
    readonly certificate_authority_id: string;
    readonly serial_hex: string;
    readonly revoked: boolean;
  }[],
): Readonly<Record<string, readonly string[]>> {
  const byCa = new Map<string, { add: Set<string>; remove: Set<string> }>();
  for (const state of states) {
    let entry = byCa.get(state.certificate_authority_id);
    if (entry === undefined)
      byCa.set(state.certificate_authority_id, (entry = { add: new Set(), remove: new Set() }));
    const serial = state.serial_hex.toUpperCase();
    if (state.revoked) {
      entry.add.add(serial);
      entry.remove.delete(serial);
    } else {
      entry.remove.add(serial);
      entry.add.delete(serial);
    }
  }
  let result: Record<string, readonly string[]> | undefined;
  for (const [caId, { add, remove }] of byCa) {
    const current = lists[caId] ?? [];
    const next = applySorted(current, add, remove);
    if (next === current) continue;
    result ??= { ...lists };
    if (next.length === 0) delete result[caId];
    else result[caId] = next;
  }
  return result ?? lists;
}

/** `list` with `add` inserted and `remove` taken out, sorted; `list` itself when nothing changes. */
function applySorted(
  list: readonly string[],
  add: ReadonlySet<string>,
  remove: ReadonlySet<string>,
): readonly string[] {
  const inserts: string[] = [];
  for (const serial of add) if (indexOf(list, serial) < 0) inserts.push(serial);
  const removals = new Set<number>();
  for (const serial of remove) {
    const at = indexOf(list, serial);
    if (at >= 0) removals.add(at);
  }
  if (inserts.length === 0 && removals.size === 0) return list;
  inserts.sort();
  const next: string[] = [];
  let j = 0;
  for (let i = 0; i < list.length; i++) {
    if (removals.has(i)) continue;
    const serial = list[i]!;
    while (j < inserts.length && inserts[j]! < serial) next.push(inserts[j++]!);
    next.push(serial);
  }
  while (j < inserts.length) next.push(inserts[j++]!);
  return next;
}

/** Binary search in a sorted list (code-unit order, as the store sorts serials); −1 when absent. */
function indexOf(list: readonly string[], value: string): number {
  let low = 0;
  let high = list.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const at = list[middle]!;
    if (at === value) return middle;
    if (at < value) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}

/**
 * `last` with the entries of `ids` replaced by what a fresh read of just those ids returned (an
 * id the read did not return is removed); `last` itself when `ids` is empty.
 */
function patchByCa<T>(
  last: Readonly<Record<string, T>>,
  ids: readonly string[],
  fresh: Readonly<Record<string, T>>,
  keep: (old: T | undefined, fresh: T) => T,
): Readonly<Record<string, T>> {
  if (ids.length === 0) return last;
  const patched: Record<string, T> = { ...last };
  for (const id of ids) {
    const value = fresh[id];
    if (value === undefined) delete patched[id];
    else patched[id] = keep(last[id], value);
  }
  return patched;
}

function sameList(a: readonly string[] | undefined, b: readonly string[]): boolean {
  if (a === undefined || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
