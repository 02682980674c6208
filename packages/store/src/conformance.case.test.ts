// The store conformance suite (STYLE.md §2.9): one set of cases, run against every back-end.
import { afterEach, beforeEach, describe } from 'vitest';
import type { CommonStoreOptions, Store } from './types.js';
import type { MakeHarness, StoreHarness, SuiteContext } from './test-support/harness.js';
import { accountZoneCases } from './test-support/cases/accounts-zones.js';
import { associationCases } from './test-support/cases/associations.js';
import { certificateCases } from './test-support/cases/certificates.js';
import { changeFeedCases } from './test-support/cases/change-feed.js';
import { hostnameCases } from './test-support/cases/hostnames.js';
import { lifecycleCases } from './test-support/cases/lifecycle.js';
import { logCases } from './test-support/cases/logs.js';
import { mtlsCertificateCases } from './test-support/cases/mtls-certificates.js';
import { observabilityCases } from './test-support/cases/observability.js';
import { secretCases } from './test-support/cases/secrets.js';
import { rulesetCases } from './test-support/cases/rulesets.js';
import { tokenSettingCases } from './test-support/cases/tokens-settings.js';
import { transactionCases } from './test-support/cases/transactions.js';

export type { MakeHarness, StoreHarness } from './test-support/harness.js';

/**
 * Registers every store case under `describe(name)`. Each test gets a fresh database from
 * `makeHarness` and a store opened on it; everything is closed and removed afterwards.
 */
export function runStoreSuite(name: string, makeHarness: MakeHarness): void {
  describe(name, () => {
    let harness: StoreHarness | undefined;
    let store: Store | undefined;

    beforeEach(async () => {
      harness = await makeHarness();
      store = await harness.open();
    });

    afterEach(async () => {
      await harness?.destroy();
      harness = undefined;
      store = undefined;
    });

    const ctx: SuiteContext = {
      store() {
        if (store === undefined) throw new Error('no store: the suite set-up failed');
        return store;
      },
      harness() {
        if (harness === undefined) throw new Error('no harness: the suite set-up failed');
        return harness;
      },
      async reopen(options?: CommonStoreOptions) {
        await store?.close();
        store = await ctx.harness().open(options);
        return store;
      },
    };

    describe('lifecycle', () => lifecycleCases(ctx));
    describe('accounts and zones', () => accountZoneCases(ctx));
    describe('hostnames', () => hostnameCases(ctx));
    describe('certificate authorities and client certificates', () => certificateCases(ctx));
    describe('mtls certificates and CRLs', () => mtlsCertificateCases(ctx));
    describe('hostname associations', () => associationCases(ctx));
    describe('rulesets', () => rulesetCases(ctx));
    describe('API tokens and settings', () => tokenSettingCases(ctx));
    describe('audit log and security events', () => logCases(ctx));
    describe('expiry and security-event summaries', () => observabilityCases(ctx));
    describe('sealed secrets', () => secretCases(ctx));
    describe('transactions', () => transactionCases(ctx));
    describe('change feed', () => changeFeedCases(ctx));
  });
}
