/**
 * The Guidance section of Settings: how often the companion speaks (level, daily cap, wellbeing;
 * the time zone is the profile's, shown here; quiet hours are the notifications') and its rules — mute one, change its thresholds (a number input per
 * condition), reset to the defaults — with what it learned from your reactions.
 */
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { Link, useLocation } from "react-router";
import { GuidanceDocument, GuidanceRuleUpdateDocument, GuidanceSettingsUpdateDocument } from "../../api/guidance";
import { ViewerDocument } from "../../api/operations";
import type { GuidanceLevel, GuidanceRuleFieldsFragment, GuidanceSettingsFieldsFragment } from "../../gql/graphql";
import { useMutationForm } from "../../hooks/useMutationForm";
import { updateCached, useGql } from "../../lib/data";
import { formatDateTime, labelOf } from "../../lib/format";
import { conditionLabel, INSIGHT_KINDS, LEVELS, numericConditions, PRIORITIES } from "../../lib/guidance";
import { LoadError } from "../LoadError";
import { Section } from "../Page";
import { FormErrors, SelectField, Spinner, SubmitButton, TextField } from "../ui";
import type { GuidanceQuery } from "../../gql/graphql";
import styles from "./GuidanceSection.module.css";

const SETTINGS_FIELDS = ["level", "dailyCap", "wellbeing"];

export function GuidanceSection() {
  const query = useGql(GuidanceDocument, {});
  const settings = query.data?.viewer?.guidanceSettings ?? null;
  const rules = query.data?.viewer?.guidanceRules ?? null;
  // "Manage rules" links here (/settings#guidance): show the section once it is there.
  const { hash } = useLocation();
  const loaded = settings != null;
  useEffect(() => {
    if (loaded && hash === "#guidance") document.getElementById("guidance")?.scrollIntoView({ block: "start" });
  }, [loaded, hash]);
  return (
    <>
      <Section title="Guidance" heading="form-title" className="card form" id="guidance" data-testid="guidance-settings">
        <LoadError error={query.error} onRetry={query.refetch} />
        {settings ? <SettingsForm settings={settings} /> : query.error ? null : <Spinner label="Loading your guidance settings…" />}
      </Section>
      <Section title="Guidance rules" heading="form-title" className="card" data-testid="guidance-rules">
        <p className="muted small">Each rule watches one thing. Mute what you do not want to hear about, or change when it speaks.</p>
        {rules ? (
          <ul className={styles.rules} aria-label="Guidance rules">
            {rules.map((rule) => (
              <li key={rule.key}>
                <RuleCard rule={rule} />
              </li>
            ))}
          </ul>
        ) : query.error ? null : (
          <Spinner label="Loading the rules…" />
        )}
      </Section>
    </>
  );
}

function SettingsForm({ settings }: { settings: GuidanceSettingsFieldsFragment }) {
  const client = useQueryClient();
  const [level, setLevel] = useState<GuidanceLevel>(settings.level);
  const [dailyCap, setDailyCap] = useState(String(settings.dailyCap));
  const [wellbeing, setWellbeing] = useState(settings.wellbeing);
  const [saved, setSaved] = useState(false);
  const form = useMutationForm(GuidanceSettingsUpdateDocument, {
    fields: SETTINGS_FIELDS,
    invalidates: [ViewerDocument],
    onSuccess: (payload) => {
      setSaved(true);
      const next = payload.settings;
      if (next) updateCached(client, GuidanceDocument, (data: GuidanceQuery) => (data.viewer ? { ...data, viewer: { ...data.viewer, guidanceSettings: next } } : data));
    },
  });
  const errors = form.fieldErrors;
  const cap = dailyCap.trim() === "" ? Number.NaN : Number(dailyCap);
  const input = {
    level,
    dailyCap: Number.isFinite(cap) ? cap : undefined,
    wellbeing,
  };
  const change = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    setSaved(false);
  };

  return (
    <form
      className="form"
      aria-label="Guidance settings"
      noValidate
      onSubmit={form.handle(() => {
        if (!Number.isFinite(cap)) {
          form.setFieldErrors({ dailyCap: "Enter a whole number." });
          return undefined;
        }
        return { input };
      })}
    >
      <FormErrors messages={form.general} />
      <SelectField
        label="How often the companion speaks"
        value={level}
        onChange={(e) => change(setLevel)(e.target.value as GuidanceLevel)}
        options={LEVELS}
        error={errors.level}
        hint="Off: nothing new. Weekly: one digest a week. Normal: when something matters. Eager: also the smaller things."
      />
      <TextField
        label="Insights per day at most"
        type="number"
        min={0}
        max={50}
        step={1}
        inputMode="numeric"
        value={dailyCap}
        onChange={(e) => change(setDailyCap)(e.target.value)}
        error={errors.dailyCap}
        hint={
          <>
            Quiet hours are set with the other <a href="#notifications">notifications</a>.
          </>
        }
      />
      <p className="field-hint">
        The daily evaluation follows your time zone, {settings.timezone}: change it on your <Link to="/profile">profile</Link>.
      </p>
      <div className={`field ${errors.wellbeing ? "field-invalid" : ""}`}>
        <label className={styles.check}>
          <input type="checkbox" className="check" checked={wellbeing} onChange={(e) => change(setWellbeing)(e.target.checked)} />
          <span>Pacing and wellbeing insights (late nights, low energy, after a rejection)</span>
        </label>
        {errors.wellbeing ? (
          <p className="field-error" role="alert">
            {errors.wellbeing}
          </p>
        ) : null}
      </div>
      <div className="form-actions">
        {saved ? (
          <span className="save-state" role="status">
            <span className="saved">Saved</span>
          </span>
        ) : settings.nextEvaluationAt ? (
          <span className="muted small">Next look at your data: {formatDateTime(settings.nextEvaluationAt)}</span>
        ) : null}
        <SubmitButton busy={form.busy} label="Save guidance" />
      </div>
    </form>
  );
}

function RuleCard({ rule }: { rule: GuidanceRuleFieldsFragment }) {
  const client = useQueryClient();
  const entries = numericConditions(rule.conditions);
  const defaults = (rule.defaults ?? {}) as Record<string, unknown>;
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(entries.map(([k, v]) => [k, String(v)])));
  const keys = entries.map(([k]) => k);
  const put = (next: GuidanceRuleFieldsFragment) => {
    updateCached(client, GuidanceDocument, (data: GuidanceQuery) =>
      data.viewer ? { ...data, viewer: { ...data.viewer, guidanceRules: data.viewer.guidanceRules.map((r) => (r.key === next.key ? next : r)) } } : data,
    );
    setValues(Object.fromEntries(numericConditions(next.conditions).map(([k, v]) => [k, String(v)])));
  };
  const form = useMutationForm(GuidanceRuleUpdateDocument, { onSuccess: (payload) => payload.rule && put(payload.rule) });
  // A threshold's error comes as field "conditions", message "<key>: why": shown at that key's input.
  const byKey: Record<string, string> = { ...form.fieldErrors };
  const general: string[] = [];
  for (const message of form.general) {
    const match = /^(\w+): (.+)$/.exec(message);
    if (match && keys.includes(match[1])) byKey[match[1]] = match[2];
    else general.push(message);
  }
  const errorOf = (key: string) => byKey[key];
  const changed = entries.filter(([k, v]) => values[k] !== String(v));
  const customised = entries.some(([k, v]) => defaults[k] !== undefined && defaults[k] !== v);
  const titleId = `rule-${rule.key}`;

  const save = () => {
    const conditions: Record<string, number | string> = {};
    const bad: Record<string, string> = {};
    for (const [key] of changed) {
      const text = values[key].trim();
      const n = Number(text);
      if (text === "" || !Number.isFinite(n)) bad[key] = "Enter a number.";
      else conditions[key] = n;
    }
    if (Object.keys(bad).length) {
      form.setFieldErrors(bad);
      return undefined;
    }
    return { input: { key: rule.key, conditions } };
  };

  return (
    <article className={`${styles.rule} ${rule.muted ? styles.muted : ""}`} aria-labelledby={titleId} data-testid="guidance-rule" data-rule={rule.key}>
      <header className={styles.ruleHead}>
        <div>
          <h3 id={titleId} className={styles.ruleName}>
            {rule.name} {rule.muted ? <span className="pill">Muted</span> : null}
          </h3>
          <p className="muted small">
            {labelOf(INSIGHT_KINDS, rule.insightKind)} · priority {labelOf(PRIORITIES, rule.effectivePriority).toLowerCase()}
            {rule.effectivePriority !== rule.priority ? ` (normally ${labelOf(PRIORITIES, rule.priority).toLowerCase()})` : ""} · at most once every {rule.cooldownDays} day
            {rule.cooldownDays === 1 ? "" : "s"}
            {!rule.active ? " · not active" : ""}
          </p>
        </div>
        <label className={styles.toggle}>
          <input
            type="checkbox"
            className="check"
            checked={!rule.muted}
            disabled={form.busy}
            onChange={(e) => void form.submit({ input: { key: rule.key, muted: !e.target.checked } })}
            aria-label={`${rule.name}: on`}
          />
          <span>On</span>
        </label>
      </header>
      <p className={styles.description}>{rule.description}</p>
      {rule.learning ? (
        <p className={styles.learning} data-testid="rule-learning">
          {rule.learning}
        </p>
      ) : null}
      {entries.length ? (
        <form className={styles.thresholds} aria-label={`Thresholds of ${rule.name}`} noValidate onSubmit={form.handle(save)}>
          <FormErrors messages={general} />
          <div className={styles.inputs}>
            {entries.map(([key]) => (
              <TextField
                key={key}
                label={conditionLabel(key)}
                type="number"
                step="any"
                value={values[key] ?? ""}
                onChange={(e) => setValues((v) => ({ ...v, [key]: e.target.value }))}
                error={errorOf(key)}
                hint={defaults[key] !== undefined ? `Default ${String(defaults[key])}` : undefined}
              />
            ))}
          </div>
          <div className={styles.ruleActions}>
            <button type="button" className="link-button" disabled={form.busy || (!customised && !rule.muted)} onClick={() => void form.submit({ input: { key: rule.key, reset: true } })}>
              Reset to defaults
            </button>
            <SubmitButton busy={form.busy} label="Save thresholds" primary={false} disabled={!changed.length} />
          </div>
        </form>
      ) : (
        <FormErrors messages={form.messages} />
      )}
    </article>
  );
}
