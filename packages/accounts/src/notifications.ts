import type { EntityManager } from '@switchboard/db';

/** The user's latest notifications in this workspace and how many are unread. */
export async function listNotifications(em: EntityManager, workspaceId: string, userId: string, limit = 20) {
  const knex = em.getConnection().getKnex();
  const [items, unread] = await Promise.all([
    knex.raw<{
      rows: {
        id: string;
        kind: string;
        title: string;
        body: string;
        link: string | null;
        created_at: Date;
        read_at: Date | null;
      }[];
    }>(
      `select id, kind, title, body, link, created_at, read_at from notifications
       where workspace_id = ? and user_id = ? order by created_at desc, id desc limit ?`,
      [workspaceId, userId, limit],
    ),
    knex.raw<{ rows: { n: string }[] }>(
      'select count(*) as n from notifications where workspace_id = ? and user_id = ? and read_at is null',
      [workspaceId, userId],
    ),
  ]);
  return {
    unread: Number(unread.rows[0]?.n ?? 0),
    items: items.rows.map((n) => ({
      id: String(n.id),
      kind: n.kind,
      title: n.title,
      body: n.body,
      link: n.link,
      createdAt: new Date(n.created_at).toISOString(),
      read: n.read_at !== null,
    })),
  };
}

/** Marks the given notifications (or all) of this user as read; other users' notifications are never touched. */
export async function markNotificationsRead(
  em: EntityManager,
  workspaceId: string,
  userId: string,
  ids: string[] | 'all',
) {
  const knex = em.getConnection().getKnex();
  if (ids === 'all')
    await knex.raw(
      'update notifications set read_at = now() where workspace_id = ? and user_id = ? and read_at is null',
      [workspaceId, userId],
    );
  else if (ids.length)
    await knex.raw(
      `update notifications set read_at = now() where workspace_id = ? and user_id = ? and read_at is null
       and id = any(?::bigint[])`,
      [workspaceId, userId, `{${ids.map((i) => String(Number(i))).join(',')}}`],
    );
}
