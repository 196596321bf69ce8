import type { EntityManager } from '@switchboard/db';
import { sql, uuidV7 } from '@switchboard/contacts';
import { autoAssignEnabled, nextAgentInTurn } from '../assignment/round-robin.ts';
import { teamForChannel } from '../teams/inbox-teams.ts';
import { announce, appendEntry } from './conversation-feed.ts';
import { previewOf } from './thread-key.ts';
import { ratingIn } from '../csat/rating-token.ts';
import { recordRating } from '../csat/record-rating.ts';

export interface InboundToFile {
  workspaceId: string;
  contactId: string;
  channel: 'email' | 'sms' | 'wechat';
  threadKey: string;
  inboundMessageId: string;
  /** The message of ours it answers, when known. */
  answered: { id: string; source_kind: string; source_id: string | null } | null;
  subject?: string | null;
  body: string;
  receivedAt: Date;
  /**
   * A keyword we handled ourselves (STOP, HELP) or an auto-reply: kept in an existing conversation's history, but it
   * neither starts one nor reopens it, nor asks an agent for an answer.
   */
  automatic: boolean;
}

interface ConversationRow {
  id: string;
  status: string;
  assignee_id: string | null;
  team_id: string | null;
  csat_requested_at: Date | null;
  csat_score: number | null;
}

const ROW = 'id, status, assignee_id, team_id, csat_requested_at, csat_score';
/** How long after asking a lone digit still counts as the rating. */
const RATING_WINDOW_MS = 7 * 86_400_000;

/** The conversation an agent's earlier reply belongs to, when the contact answers that reply by email. */
async function conversationOfReply(tx: EntityManager, input: InboundToFile): Promise<ConversationRow | null> {
  if (input.answered?.source_kind !== 'conversation' || !input.answered.source_id) return null;
  const [row] = await sql<ConversationRow>(
    tx,
    `select ${ROW} from conversations where id = ?::uuid and workspace_id = ? and contact_id = ? for update`,
    [input.answered.source_id, input.workspaceId, input.contactId],
  );
  return row ?? null;
}

async function conversationOfThread(
  tx: EntityManager,
  input: InboundToFile,
): Promise<{ row: ConversationRow; created: boolean } | null> {
  const cause =
    input.answered && (input.answered.source_kind === 'campaign' || input.answered.source_kind === 'journey')
      ? input.answered.id
      : null;
  if (!input.automatic) {
    const [created] = await sql<ConversationRow>(
      tx,
      `insert into conversations (id, workspace_id, contact_id, channel, thread_key, status, subject, last_message_at,
         last_message_preview, waiting_since, unread_count, cause_message_id, team_id, opened_at, created_at,
         updated_at)
       values (?, ?, ?, ?, ?, 'open', ?, ?, ?, ?, 1, ?, ?, now(), now(), now())
       on conflict (workspace_id, channel, contact_id, thread_key) do nothing
       returning ${ROW}`,
      [
        uuidV7(),
        input.workspaceId,
        input.contactId,
        input.channel,
        input.threadKey.slice(0, 300),
        input.subject ?? null,
        input.receivedAt,
        previewOf(input.body),
        input.receivedAt,
        cause,
        await teamForChannel(tx, input.workspaceId, input.channel),
      ],
    );
    if (created) return { row: created, created: true };
  }
  const [existing] = await sql<ConversationRow>(
    tx,
    `select ${ROW} from conversations
     where workspace_id = ? and channel = ? and contact_id = ? and thread_key = ? for update`,
    [input.workspaceId, input.channel, input.contactId, input.threadKey.slice(0, 300)],
  );
  return existing ? { row: existing, created: false } : null;
}

/**
 * Files a message someone sent us into its conversation, in the transaction that stored it: a new thread starts a
 * conversation (linked to the campaign or journey message it answers), a known one gets the message and reopens if
 * it was snoozed, pending or resolved. Unassigned open conversations go to the next agent in turn when the workspace
 * assigns automatically. Returns the conversation id (null for an automatic message with no conversation to join).
 */
export async function fileInbound(tx: EntityManager, input: InboundToFile): Promise<string | null> {
  const reply = await conversationOfReply(tx, input);
  const found = reply ? { row: reply, created: false } : await conversationOfThread(tx, input);
  if (!found) return null;
  const { row, created } = found;

  // "5" after we asked how we did: the rating, kept in the history; the conversation stays resolved.
  const rating = ratingIn(input.body);
  if (
    rating !== null &&
    row.status === 'resolved' &&
    row.csat_score === null &&
    row.csat_requested_at &&
    input.receivedAt.getTime() - new Date(row.csat_requested_at).getTime() < RATING_WINDOW_MS
  ) {
    const entry = await appendEntry(tx, {
      workspaceId: input.workspaceId,
      conversationId: row.id,
      kind: 'inbound',
      inboundMessageId: input.inboundMessageId,
      at: input.receivedAt,
    });
    await announce(tx, input.workspaceId, row.id, 'entry.created', [entry]);
    await recordRating(tx, { conversationId: row.id, requestedAt: null, score: rating, via: 'reply' });
    return row.id;
  }

  // A conversation of no team that starts over (resolved, then the contact writes) is routed like a new one.
  if (!created && !input.automatic && row.status === 'resolved' && row.team_id === null) {
    row.team_id = await teamForChannel(tx, input.workspaceId, input.channel);
    if (row.team_id)
      await sql(tx, 'update conversations set team_id = ? where id = ?', [row.team_id, row.id]);
  }
  if (!created && !input.automatic)
    await sql(
      tx,
      `update conversations set status = 'open', snoozed_until = null, resolved_at = null,
         opened_at = case when status = 'resolved' then now() else opened_at end,
         last_message_at = greatest(last_message_at, ?), last_message_preview = ?,
         waiting_since = coalesce(waiting_since, ?), unread_count = unread_count + 1, updated_at = now()
       where id = ?`,
      [input.receivedAt, previewOf(input.body), input.receivedAt, row.id],
    );
  const entryIds = [
    await appendEntry(tx, {
      workspaceId: input.workspaceId,
      conversationId: row.id,
      kind: 'inbound',
      inboundMessageId: input.inboundMessageId,
      at: input.receivedAt,
    }),
  ];
  if (!created && !input.automatic && row.status !== 'open')
    entryIds.push(
      await appendEntry(tx, {
        workspaceId: input.workspaceId,
        conversationId: row.id,
        kind: 'activity',
        detail: { action: 'reopened', from: row.status, by: 'contact' },
      }),
    );
  if (!input.automatic && !row.assignee_id && (await autoAssignEnabled(tx, input.workspaceId))) {
    const agent = await nextAgentInTurn(tx, input.workspaceId, row.team_id);
    if (agent) {
      await sql(tx, 'update conversations set assignee_id = ? where id = ?', [agent, row.id]);
      entryIds.push(
        await appendEntry(tx, {
          workspaceId: input.workspaceId,
          conversationId: row.id,
          kind: 'activity',
          detail: { action: 'assigned', to: agent, by: 'round-robin' },
        }),
      );
    }
  }
  await announce(tx, input.workspaceId, row.id, created ? 'conversation.created' : 'entry.created', entryIds);
  return row.id;
}
