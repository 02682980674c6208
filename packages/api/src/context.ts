// What every route plugin receives: the store, the master key, the clock, limits and shared services.
import type { Store } from '@portcullis/store';

/** Quotas the API enforces (Cloudflare's defaults are 5 uploaded CAs and 100 certificates per zone; ours are larger). */
export interface ApiLimits {
  /** Uploaded CAs per account; over it the API answers Cloudflare's 1489. Default 50. */
  maxUploadedCas: number;
  /** Client certificates per zone (all statuses). Default 100 000. */
  maxClientCertificatesPerZone: number;
  /** Rules per entrypoint ruleset. Default 1000 (Cloudflare Enterprise). */
  maxRulesPerRuleset: number;
}

/** A CA as the API signs with: certificate and (unsealed) private key PEM. */
export interface SigningCa {
  certificatePem: string;
  privateKeyPem: string;
}

/** Options shared by {@link buildApp} and the services. */
export interface ApiOptions {
  /** The local edge CA that issues hostnames' edge certificates; read from the store when absent. */
  edgeCa?: SigningCa;
  /** The public URL of this API (e.g. `https://gw.example.test:8443`): used in CRL distribution points. */
  publicBaseUrl?: string;
  /** Clock, for tests. */
  now?: () => Date;
  /**
   * Earlier master keys that still open stored secrets during a rotation (never used to seal).
   * Default none.
   */
  previousMasterKeys?: readonly Uint8Array[];
  /** fetch used to download CRLs by URL. */
  fetch?: typeof fetch;
  /** Quotas; each defaults as documented in {@link ApiLimits}. */
  limits?: Partial<ApiLimits>;
}

/** The services every route uses. */
export interface ApiContext {
  readonly store: Store;
  /** The current master key: everything sealed from now on is sealed with it. */
  readonly masterKey: Uint8Array;
  /** The key ring that opens stored secrets: the current key first, then the previous ones. */
  readonly masterKeys: readonly Uint8Array[];
  readonly now: () => Date;
  readonly publicBaseUrl: string | undefined;
  readonly fetch: typeof fetch;
  readonly limits: ApiLimits;
  readonly edgeCa: SigningCa | undefined;
  /** Notes that a token was used (written to `last_used_on` at most once a minute per token). */
  tokenUsed(id: string): void;
  /** Releases timers. */
  close(): Promise<void>;
}

/**
 * The key ring of `masterKey` (current, seals and opens) and `previous` (open only), each checked
 * to be 32 bytes; the current key comes first.
 */
export function masterKeyRing(
  masterKey: Uint8Array,
  previous: readonly Uint8Array[] = [],
): readonly Uint8Array[] {
  const ring = [masterKey, ...previous];
  ring.forEach((key, index) => {
    if (!(key instanceof Uint8Array) || key.length !== 32) {
      throw new Error(
        index === 0 ? 'masterKey must be 32 bytes' : `previousMasterKeys[${index - 1}] must be 32 bytes`,
      );
    }
  });
  return Object.freeze(ring);
}

/** Builds the {@link ApiContext} from the app's options. */
export function createContext(options: ApiOptions & { store: Store; masterKey: Uint8Array }): ApiContext {
  const now = options.now ?? (() => new Date());
  const lastTouched = new Map<string, number>();
  const pending = new Set<Promise<void>>();
  const store = options.store;
  return {
    store,
    masterKey: options.masterKey,
    masterKeys: masterKeyRing(options.masterKey, options.previousMasterKeys),
    now,
    publicBaseUrl: options.publicBaseUrl?.replace(/\/+$/, ''),
    fetch: options.fetch ?? globalThis.fetch.bind(globalThis),
    limits: {
      maxUploadedCas: options.limits?.maxUploadedCas ?? 50,
      maxClientCertificatesPerZone: options.limits?.maxClientCertificatesPerZone ?? 100_000,
      maxRulesPerRuleset: options.limits?.maxRulesPerRuleset ?? 1000,
    },
    edgeCa: options.edgeCa,
    tokenUsed(id) {
      const at = now();
      const previous = lastTouched.get(id);
      if (previous !== undefined && at.getTime() - previous < 60_000) return;
      lastTouched.set(id, at.getTime());
      const write = store.apiTokens
        .touch(id, at.toISOString())
        .catch(() => undefined)
        .finally(() => pending.delete(write));
      pending.add(write);
    },
    async close() {
      await Promise.all([...pending]);
    },
  };
}
