import type { EntityManager } from '@switchboard/db';
import { sql } from '@switchboard/contacts';
import { liquidContext, personalise, TemplateCache } from '@switchboard/messaging';
import { annotateLinks, type LinkClicks } from './annotate-links.ts';

export type ClickMapSource = { campaignId: string } | { journeyId: string; nodeId: string };

export interface ClickMap {
  /** The email as sent (personalised for no one), with each link's human clicks and share drawn on it. */
  html: string;
  links: LinkClicks[];
  totalClicks: number;
  /** Emails of this campaign or step that reached the provider. */
  sent: number;
}

const cache = new TemplateCache(20);

/**
 * Where people clicked in a campaign's email or a journey's email step: the template version most of its messages
 * were sent with, rendered without anyone's data, and the human clicks per link (scanners' clicks left out).
 */
export async function clickMap(
  em: EntityManager,
  workspaceId: string,
  source: ClickMapSource,
): Promise<ClickMap | null> {
  const [where, params] =
    'campaignId' in source
      ? [`m.source_kind = 'campaign' and m.source_id = ?`, [source.campaignId]]
      : [
          `m.source_kind = 'journey' and m.source_id = ? and m.journey_node = ?`,
          [source.journeyId, source.nodeId],
        ];
  const scope = `m.workspace_id = ? and m.channel = 'email' and ${where}`;
  const [version] = await sql<{ version_id: string | null; sent: number }>(
    em,
    `select m.content ->> 'versionId' as version_id, count(*) filter (where m.sent_at is not null)::int as sent
     from messages m where ${scope} group by 1 order by 2 desc limit 1`,
    [workspaceId, ...params],
  );
  if (!version?.version_id) return null;
  const [template] = await sql<{ content: { html?: string } }>(
    em,
    'select content from template_versions where id = ? and workspace_id = ?',
    [version.version_id, workspaceId],
  );
  if (typeof template?.content.html !== 'string') return null;
  const rows = await sql<{ url: string; clicks: number; unique_clicks: number }>(
    em,
    `select e.url, count(*)::int as clicks, count(distinct e.message_id)::int as unique_clicks
     from message_events e join messages m on m.id = e.message_id
     where ${scope} and e.kind = 'clicked' and not e.machine and e.url is not null
     group by e.url order by 2 desc limit 500`,
    [workspaceId, ...params],
  );
  const totalClicks = rows.reduce((sum, r) => sum + r.clicks, 0);
  const links = rows.map((r) => ({
    url: r.url,
    clicks: r.clicks,
    uniqueClicks: r.unique_clicks,
    share: totalClicks ? r.clicks / totalClicks : 0,
  }));
  const [workspace] = await sql<{ name: string; postal_address: string | null }>(
    em,
    'select name, postal_address from workspaces where id = ?',
    [workspaceId],
  );
  let html = template.content.html;
  try {
    const context = liquidContext(null, workspace ?? { name: '', postal_address: null }, {
      unsubscribe_url: 'https://example.invalid/unsubscribe',
    });
    html = await personalise('html', html, context, cache);
  } catch {
    // A template that needs the trigger's data (a cart's items) still shows its links unrendered.
  }
  return {
    html: annotateLinks(html, links, (l) => `${l.clicks} · ${Math.round(l.share * 100)}%`),
    links,
    totalClicks,
    sent: version.sent,
  };
}
