// Custom rules of the zone: the ordered list, the editor, and the safe mTLS rule templates.
import { useState } from 'react';
import { useApi } from '../../lib/api-context';
import { useAction } from '../../lib/use-action';
import { announce } from '../../lib/changes';
import { formatTime } from '../../lib/format';
import { ErrorMessages } from '../../components/ErrorMessages';
import { Loading } from '../../components/Loading';
import { Section } from '../../components/Section';
import { RuleEditor } from './RuleEditor';
import { RuleList } from './RuleList';
import { emptyRuleForm, ruleToForm, type RuleFormState } from './rule-form';
import { pinnedMtlsTemplate, safeMtlsTemplate } from './templates';
import { useCustomRules } from './use-custom-rules';
import { useTemplateInputs } from './use-template-inputs';
import type { RuleInput } from '@portcullis/client';
import { CUSTOM_RULES_PHASE, type Rule } from '@portcullis/model';

type Editing =
  { kind: 'new'; key: number; initial: RuleFormState; title: string } | { kind: 'edit'; rule: Rule };

export function RulesSection({ zoneId, zoneName }: { zoneId: string; zoneName: string }) {
  const api = useApi();
  const ruleset = useCustomRules(zoneId);
  const inputs = useTemplateInputs(zoneId);
  const [editing, setEditing] = useState<Editing | null>(null);
  // With no host yet, the templates scope to the zone's apex so they still read as intended.
  const hosts = inputs.data?.hosts.length ? inputs.data.hosts : [zoneName];
  const ready = inputs.data !== undefined;
  const issuerSki = inputs.data?.issuerSki ?? '';

  const save = useAction(async (rule: RuleInput) => {
    const current = ruleset.data;
    if (editing?.kind === 'edit' && current)
      await api.rulesets.editRule(zoneId, current.id, editing.rule.id, rule);
    else if (current) await api.rulesets.createRule(zoneId, current.id, rule);
    else await api.rulesets.putEntrypoint(zoneId, { rules: [rule] }, CUSTOM_RULES_PHASE);
    setEditing(null);
    announce('rules');
  });
  const remove = useAction(async (rule: Rule) => {
    if (!ruleset.data) return;
    await api.rulesets.deleteRule(zoneId, ruleset.data.id, rule.id);
    announce('rules');
  });
  const toggle = useAction(async (rule: Rule, enabled: boolean) => {
    if (!ruleset.data) return;
    await api.rulesets.editRule(zoneId, ruleset.data.id, rule.id, { enabled });
    announce('rules');
  });
  const move = useAction(async (rule: Rule, direction: 'up' | 'down') => {
    const current = ruleset.data;
    if (!current) return;
    const index = current.rules.findIndex((r) => r.id === rule.id);
    const neighbour = current.rules[direction === 'up' ? index - 1 : index + 1];
    if (!neighbour) return;
    // Cloudflare moves a rule with a PATCH carrying a position; moving does not bump the rule's version.
    await api.rulesets.editRule(zoneId, current.id, rule.id, {
      position: direction === 'up' ? { before: neighbour.id } : { after: neighbour.id },
    });
    announce('rules');
  });

  const startNew = (title: string, expression: string, description: string) => {
    save.clearError();
    setEditing({ kind: 'new', key: Date.now(), initial: emptyRuleForm(expression, description), title });
  };

  return (
    <Section
      title="Custom rules"
      actions={
        <>
          <button
            type="button"
            disabled={!ready}
            onClick={() =>
              startNew(
                'Create mTLS rule',
                safeMtlsTemplate(hosts),
                'Require a valid, unrevoked client certificate',
              )
            }
          >
            Create mTLS rule
          </button>
          <button
            type="button"
            disabled={!ready || !issuerSki}
            onClick={() =>
              startNew(
                'Create mTLS rule',
                pinnedMtlsTemplate(hosts, issuerSki),
                'Require a valid, unrevoked certificate from the managed CA',
              )
            }
          >
            Create mTLS rule pinned to the managed CA
          </button>
          <button type="button" onClick={() => startNew('Add rule', '', '')}>
            Add rule
          </button>
        </>
      }
    >
      <p className="muted small">
        Rules run in order on every request to the zone&apos;s hosts; the first block wins. Revoking a
        certificate blocks it only where a rule checks <code>cf.tls_client_auth.cert_revoked</code>: the mTLS
        templates do.
      </p>
      {ruleset.data && (
        <p className="muted small">
          Ruleset version {ruleset.data.version} · last changed {formatTime(ruleset.data.last_updated)}
        </p>
      )}
      {editing && (
        <RuleEditor
          key={editing.kind === 'edit' ? editing.rule.id : editing.key}
          title={editing.kind === 'edit' ? `Edit rule` : editing.title}
          initial={editing.kind === 'edit' ? ruleToForm(editing.rule) : editing.initial}
          host={hosts[0] ?? zoneName}
          issuerSki={issuerSki}
          pending={save.pending}
          submitError={save.error}
          onSubmit={(rule) => void save.run(rule)}
          onCancel={() => setEditing(null)}
        />
      )}
      <ErrorMessages error={ruleset.error ?? inputs.error ?? remove.error ?? move.error ?? toggle.error} />
      {ruleset.loading && ruleset.data === undefined ? (
        <Loading what="rules" />
      ) : !ruleset.data || ruleset.data.rules.length === 0 ? (
        <p className="muted">No custom rules: every request reaches the origin.</p>
      ) : (
        <RuleList
          rules={ruleset.data.rules}
          busy={remove.pending || move.pending}
          onEdit={(rule) => {
            save.clearError();
            setEditing({ kind: 'edit', rule });
          }}
          onDelete={(rule) => {
            if (window.confirm(`Delete the rule "${rule.description || rule.expression}"?`))
              void remove.run(rule);
          }}
          onMove={(rule, direction) => void move.run(rule, direction)}
          onToggle={(rule, enabled) => toggle.run(rule, enabled)}
        />
      )}
    </Section>
  );
}
