import { createResource, createSignal, For, Show } from 'solid-js';
import { t } from '../../i18n/i18n.ts';
import { api, toProblem, type ApiProblem, problemText } from '../../lib/trpc.ts';
import { FormField } from '../../ui/form-field.tsx';
import { Notice } from '../../ui/notice.tsx';
import { STAGES, stageLabel, type Stage } from '../../features/contacts/stage-label.ts';

type RuleKind = 'event' | 'attribute' | 'tag';

/** Lead scoring: rules that give points, the scores that move contacts along the funnel, and who gets them. */
export default function ScoringPage() {
  const [rules, { refetch: refetchRules }] = createResource(() => api.scoring.rules.query());
  const [thresholds, { refetch: refetchThresholds }] = createResource(() => api.scoring.thresholds.query());
  const [assignments, { refetch: refetchAssignments }] = createResource(() =>
    api.scoring.assignmentRules.query(),
  );
  const [members] = createResource(() => api.members.list.query());
  const [problem, setProblem] = createSignal<ApiProblem | null>(null);
  const [notice, setNotice] = createSignal<string | null>(null);

  const run = async (action: () => Promise<unknown>, done?: string) => {
    setProblem(null);
    setNotice(null);
    try {
      await action();
      if (done) setNotice(done);
      return true;
    } catch (error) {
      setProblem(toProblem(error));
      return false;
    }
  };

  // New scoring rule
  const [kind, setKind] = createSignal<RuleKind>('event');
  const [ruleName, setRuleName] = createSignal('');
  const [eventName, setEventName] = createSignal('');
  const [attrKey, setAttrKey] = createSignal('');
  const [attrValue, setAttrValue] = createSignal('');
  const [points, setPoints] = createSignal(10);
  const [halfLife, setHalfLife] = createSignal('');

  const ruleInput = () => {
    const base = { name: ruleName(), points: points() };
    if (kind() === 'event')
      return {
        ...base,
        kind: 'event' as const,
        eventName: eventName(),
        halfLifeDays: halfLife() ? Number(halfLife()) : null,
      };
    const condition =
      kind() === 'tag'
        ? { kind: 'tag' as const, op: 'has' as const, value: attrValue() }
        : { kind: 'attribute' as const, key: attrKey(), op: 'eq', value: attrValue() };
    return {
      ...base,
      kind: 'condition' as const,
      condition: { kind: 'group' as const, match: 'all' as const, conditions: [condition] },
    };
  };

  async function addRule(e: SubmitEvent) {
    e.preventDefault();
    if (await run(() => api.scoring.saveRule.mutate({ rule: ruleInput() }), t('scoring.saved'))) {
      setRuleName('');
      await refetchRules();
    }
  }

  const describe = (r: NonNullable<ReturnType<typeof rules>>[number]) => {
    if (r.kind === 'event')
      return r.halfLifeDays
        ? t('scoring.eachEventFading', { event: r.eventName ?? '', days: r.halfLifeDays })
        : t('scoring.eachEvent', { event: r.eventName ?? '' });
    const c = (r.condition?.conditions[0] ?? {}) as { kind?: string; key?: string; value?: unknown };
    return c.kind === 'tag'
      ? t('scoring.whileTag', { tag: String(c.value) })
      : t('scoring.whileAttribute', { key: c.key ?? '', value: String(c.value) });
  };

  // Thresholds
  const [edits, setEdits] = createSignal<Partial<Record<Stage, string>>>({});
  const thresholdValue = (stage: Stage) => edits()[stage] ?? String(thresholds()?.[stage] ?? '');
  async function saveThresholds(e: SubmitEvent) {
    e.preventDefault();
    const input = Object.fromEntries(
      STAGES.filter((s) => s !== 'subscriber').map((s) => [
        s,
        thresholdValue(s) ? Number(thresholdValue(s)) : null,
      ]),
    );
    if (await run(() => api.scoring.setThresholds.mutate(input), t('scoring.saved'))) {
      setEdits({});
      await refetchThresholds();
    }
  }

  // New assignment rule
  const [aName, setAName] = createSignal('');
  const [aStage, setAStage] = createSignal<Stage>('mql');
  const [aKey, setAKey] = createSignal('');
  const [aValue, setAValue] = createSignal('');
  const [aUsers, setAUsers] = createSignal<string[]>([]);
  async function addAssignment(e: SubmitEvent) {
    e.preventDefault();
    const rule = {
      name: aName(),
      stage: aStage(),
      attributeKey: aKey() || null,
      attributeValue: aKey() ? aValue() : null,
      userIds: aUsers(),
    };
    if (await run(() => api.scoring.saveAssignmentRule.mutate({ rule }), t('scoring.saved'))) {
      setAName('');
      setAUsers([]);
      await refetchAssignments();
    }
  }
  const memberName = (id: string) => members()?.find((m) => m.userId === id)?.name ?? '?';

  return (
    <div class="stack">
      <Show when={problem()}>{(p) => <Notice kind="error">{problemText(p())}</Notice>}</Show>
      <Show when={notice()}>{(n) => <Notice kind="success">{n()}</Notice>}</Show>

      <h2>{t('scoring.rules')}</h2>
      <p class="muted">{t('scoring.rulesIntro')}</p>
      <table class="table" data-testid="scoring-rules">
        <thead>
          <tr>
            <th>{t('scoring.name')}</th>
            <th>{t('scoring.when')}</th>
            <th>{t('scoring.points')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          <For each={rules()}>
            {(r) => (
              <tr>
                <td>{r.name}</td>
                <td>{describe(r)}</td>
                <td>{r.points > 0 ? `+${r.points}` : r.points}</td>
                <td>
                  <button
                    type="button"
                    class="button link"
                    onClick={() =>
                      void run(() => api.scoring.deleteRule.mutate({ id: r.id })).then(() => refetchRules())
                    }
                  >
                    {t('common.delete')}
                  </button>
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <form class="card inline-form" onSubmit={(e) => void addRule(e)}>
        <div class="row">
          <FormField label={t('scoring.name')}>
            <input
              name="rule-name"
              required
              value={ruleName()}
              onInput={(e) => setRuleName(e.currentTarget.value)}
            />
          </FormField>
          <FormField label={t('scoring.kind')}>
            <select
              name="rule-kind"
              value={kind()}
              onChange={(e) => setKind(e.currentTarget.value as RuleKind)}
            >
              <option value="event">{t('scoring.kindEvent')}</option>
              <option value="attribute">{t('scoring.kindAttribute')}</option>
              <option value="tag">{t('scoring.kindTag')}</option>
            </select>
          </FormField>
          <Show when={kind() === 'event'}>
            <FormField label={t('scoring.eventName')}>
              <input
                name="rule-event"
                required
                value={eventName()}
                onInput={(e) => setEventName(e.currentTarget.value)}
              />
            </FormField>
            <FormField label={t('scoring.halfLife')}>
              <input
                name="rule-half-life"
                type="number"
                min="1"
                value={halfLife()}
                onInput={(e) => setHalfLife(e.currentTarget.value)}
              />
            </FormField>
          </Show>
          <Show when={kind() === 'attribute'}>
            <FormField label={t('scoring.attribute')}>
              <input
                name="rule-attribute"
                required
                value={attrKey()}
                onInput={(e) => setAttrKey(e.currentTarget.value)}
              />
            </FormField>
          </Show>
          <Show when={kind() !== 'event'}>
            <FormField label={kind() === 'tag' ? t('scoring.tag') : t('scoring.equals')}>
              <input
                name="rule-value"
                required
                value={attrValue()}
                onInput={(e) => setAttrValue(e.currentTarget.value)}
              />
            </FormField>
          </Show>
          <FormField label={t('scoring.points')}>
            <input
              name="rule-points"
              type="number"
              required
              value={points()}
              onInput={(e) => setPoints(Number(e.currentTarget.value))}
            />
          </FormField>
          <button class="button" type="submit">
            {t('scoring.addRule')}
          </button>
        </div>
      </form>

      <h2>{t('scoring.thresholds')}</h2>
      <form class="card inline-form" onSubmit={(e) => void saveThresholds(e)}>
        <p class="muted">{t('scoring.thresholdsIntro')}</p>
        <div class="row">
          <For each={STAGES.filter((s) => s !== 'subscriber')}>
            {(stage) => (
              <FormField label={stageLabel(stage)}>
                <input
                  name={`threshold-${stage}`}
                  type="number"
                  min="1"
                  value={thresholdValue(stage)}
                  onInput={(e) => setEdits((current) => ({ ...current, [stage]: e.currentTarget.value }))}
                />
              </FormField>
            )}
          </For>
          <button class="button" type="submit">
            {t('scoring.saveThresholds')}
          </button>
        </div>
      </form>

      <h2>{t('scoring.assignment')}</h2>
      <p class="muted">{t('scoring.assignmentIntro')}</p>
      <table class="table" data-testid="assignment-rules">
        <thead>
          <tr>
            <th>{t('scoring.name')}</th>
            <th>{t('scoring.fromStage')}</th>
            <th>{t('scoring.filter')}</th>
            <th>{t('scoring.people')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          <For each={assignments()}>
            {(a) => (
              <tr>
                <td>{a.name}</td>
                <td>{stageLabel(a.stage)}</td>
                <td>
                  {a.attributeKey ? `${a.attributeKey} = ${a.attributeValue ?? ''}` : t('scoring.anyone')}
                </td>
                <td>{a.userIds.map(memberName).join(', ')}</td>
                <td>
                  <button
                    type="button"
                    class="button link"
                    onClick={() =>
                      void run(() => api.scoring.deleteAssignmentRule.mutate({ id: a.id })).then(() =>
                        refetchAssignments(),
                      )
                    }
                  >
                    {t('common.delete')}
                  </button>
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <form class="card inline-form" onSubmit={(e) => void addAssignment(e)}>
        <div class="row">
          <FormField label={t('scoring.name')}>
            <input
              name="assignment-name"
              required
              value={aName()}
              onInput={(e) => setAName(e.currentTarget.value)}
            />
          </FormField>
          <FormField label={t('scoring.fromStage')}>
            <select
              name="assignment-stage"
              value={aStage()}
              onChange={(e) => setAStage(e.currentTarget.value as Stage)}
            >
              <For each={STAGES}>{(s) => <option value={s}>{stageLabel(s)}</option>}</For>
            </select>
          </FormField>
          <FormField label={t('scoring.attributeOptional')}>
            <input
              name="assignment-attribute"
              value={aKey()}
              onInput={(e) => setAKey(e.currentTarget.value)}
            />
          </FormField>
          <Show when={aKey()}>
            <FormField label={t('scoring.equals')}>
              <input
                name="assignment-value"
                value={aValue()}
                onInput={(e) => setAValue(e.currentTarget.value)}
              />
            </FormField>
          </Show>
        </div>
        <fieldset class="scopes">
          <legend>{t('scoring.roundRobin')}</legend>
          <For each={members()}>
            {(m) => (
              <label>
                <input
                  type="checkbox"
                  checked={aUsers().includes(m.userId)}
                  onChange={(e) =>
                    setAUsers((u) =>
                      e.currentTarget.checked ? [...u, m.userId] : u.filter((x) => x !== m.userId),
                    )
                  }
                />{' '}
                {m.name}
              </label>
            )}
          </For>
        </fieldset>
        <button class="button" type="submit">
          {t('scoring.addAssignment')}
        </button>
      </form>
    </div>
  );
}
