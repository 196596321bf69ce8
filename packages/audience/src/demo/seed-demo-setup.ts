import type { EntityManager } from '@switchboard/db';
import { DEMO, findWorkspaceBySlug } from '@switchboard/accounts';
import { list, seedDemo as seedDemoData, sql } from '@switchboard/contacts';
import { saveSegment, type SegmentGroup } from '@switchboard/segments';
import { seedDemoMessaging } from '@switchboard/messaging';
import { seedDemoCampaigns } from '@switchboard/campaigns';
import {
  saveAssignmentRule,
  saveScoringRule,
  setLifecycleThresholds,
  type ScoringRuleInput,
} from '@switchboard/scoring';

const actor = { type: 'cli' as const, id: null, label: 'demo seed' };
const all = (...conditions: SegmentGroup['conditions']): SegmentGroup => ({
  kind: 'group',
  match: 'all',
  conditions,
});

const SCORING: ScoringRuleInput[] = [
  { kind: 'event', name: 'Page views', eventName: 'page_viewed', points: 1, halfLifeDays: 14 },
  { kind: 'event', name: 'Product interest', eventName: 'product_viewed', points: 3, halfLifeDays: 14 },
  { kind: 'event', name: 'Abandoned cart', eventName: 'cart_abandoned', points: 5, halfLifeDays: 7 },
  { kind: 'event', name: 'Webinar sign-up', eventName: 'webinar_registered', points: 15 },
  { kind: 'event', name: 'Trial started', eventName: 'trial_started', points: 25 },
  {
    kind: 'condition',
    name: 'Enterprise plan',
    condition: all({ kind: 'attribute', key: 'plan', op: 'eq', value: 'enterprise' }),
    points: 20,
  },
];

/**
 * The demo's audience setup, once: scoring rules, thresholds (MQL at 60, SQL at 120), two assignment rules, and
 * a few segments. Contacts the generator already placed past MQL get owners now, so the first scoring pass hands
 * over only the contacts that newly qualify instead of flooding the demo users' notifications.
 */
export async function seedDemoSetup(em: EntityManager, workspaceId: string) {
  const [existing] = await sql(em, 'select 1 from scoring_rules where workspace_id = ? limit 1', [
    workspaceId,
  ]);
  if (existing) return { scoringRules: 0, segments: 0 };
  for (const rule of SCORING) await saveScoringRule(em, workspaceId, rule, actor);
  await setLifecycleThresholds(em, workspaceId, { mql: 60, sql: 120 }, actor);
  const users = await sql<{ user_id: string; role: string }>(
    em,
    `select user_id, role from memberships where workspace_id = ? and role in ('admin', 'marketer', 'agent') order by role`,
    [workspaceId],
  );
  const byRole = (role: string) => users.filter((u) => u.role === role).map((u) => u.user_id);
  if (users.length) {
    await saveAssignmentRule(
      em,
      workspaceId,
      {
        name: 'Enterprise leads to the admin',
        stage: 'mql',
        attributeKey: 'plan',
        attributeValue: 'enterprise',
        userIds: byRole('admin').length ? byRole('admin') : [users[0]!.user_id],
      },
      actor,
    );
    const team = [...byRole('marketer'), ...byRole('agent')];
    await saveAssignmentRule(
      em,
      workspaceId,
      { name: 'Everyone else, in turn', stage: 'mql', userIds: team.length ? team : [users[0]!.user_id] },
      actor,
    );
    await sql(
      em,
      `update contacts c set owner_id = (?::uuid[])[1 + abs(hashtext(c.id::text)) % ?]
       where c.workspace_id = ? and c.owner_id is null and c.lifecycle_stage in ('mql', 'sql', 'opportunity', 'customer')`,
      [list(users.map((u) => u.user_id)), users.length, workspaceId],
    );
  }
  const segments: [string, string, SegmentGroup][] = [
    [
      'Engaged this month',
      'Viewed at least three pages in the last 30 days',
      all({ kind: 'event', name: 'page_viewed', op: 'did', atLeast: 3, withinDays: 30, where: [] }),
    ],
    [
      'Enterprise customers',
      'On the enterprise plan and already customers',
      all(
        { kind: 'attribute', key: 'plan', op: 'eq', value: 'enterprise' },
        { kind: 'lifecycle', op: 'at_least', value: 'customer' },
      ),
    ],
    [
      'Newsletter subscribers',
      'Opted in to the newsletter by email',
      all({ kind: 'consent', channel: 'email', topic: 'newsletter', status: 'opted_in' }),
    ],
    [
      'Abandoned a cart this week',
      'Abandoned a cart in the last 7 days without ordering since',
      all(
        { kind: 'event', name: 'cart_abandoned', op: 'did', atLeast: 1, withinDays: 7, where: [] },
        { kind: 'event', name: 'order_completed', op: 'did_not', atLeast: 1, withinDays: 7, where: [] },
      ),
    ],
  ];
  for (const [name, description, rules] of segments)
    await saveSegment(em, workspaceId, { name, description, rules }, actor);
  return { scoringRules: SCORING.length, segments: segments.length };
}

/** Everything `npm start` and `npm run cli -- seed-demo` put in the demo workspace, each part once. */
export async function seedDemo(em: EntityManager) {
  const data = await seedDemoData(em);
  const workspace = await findWorkspaceBySlug(em, DEMO.slug);
  const setup = workspace ? await seedDemoSetup(em, workspace.id) : { scoringRules: 0, segments: 0 };
  const messaging = workspace ? await seedDemoMessaging(em, workspace.id) : { sendingDomains: 0 };
  const content = workspace ? await seedDemoCampaigns(em, workspace.id) : { templates: 0, campaigns: 0 };
  return { ...data, ...setup, ...messaging, ...content };
}
