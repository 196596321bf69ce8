import { z } from 'zod';
import { tracked } from '@trpc/server';
import { notFound, validationError } from '@switchboard/accounts';
import { sql, type ContactRow } from '@switchboard/contacts';
import {
  addNote,
  agentStates,
  assignConversation,
  changeStatus,
  contactConversations,
  conversationEntries,
  conversationSummaries,
  deleteCannedResponse,
  inboxCounts,
  inboxReport,
  listCannedResponses,
  listConversations,
  loadInboxSettings,
  markConversationRead,
  saveCannedResponse,
  saveInboxSettings,
  setLabels,
  setPriority,
  setTeam,
  listTeams,
  saveTeam,
  deleteTeam,
  touchPresence,
  recentSends,
  contactOfConversation,
  recordContactAction,
  ratingToken,
  releaseOfflineAgent,
  ONLINE_WINDOW_SECONDS,
  updateAgent,
} from '@switchboard/inbox';
import {
  askForRating,
  renderCannedResponse,
  replyBlocker,
  sendConversationReply,
} from '@switchboard/messaging';
import { handOffToSales } from '@switchboard/scoring';
import { enrolManually } from '@switchboard/journeys';
import { permittedProcedure, router } from '../trpc.ts';

const conversationId = z.uuid();
const businessHours = z.object({
  timeZone: z.string().max(64),
  days: z.array(z.number()).max(7),
  from: z.string().max(5),
  to: z.string().max(5),
});
/** Streams beat this often: presence (online) and a comment line that keeps proxies from closing the stream. */
const HEARTBEAT_MS = 20_000;

/** The shared inbox: conversation lists and history, replies, notes, assignment, and the live feed. */
export const inboxRouter = router({
  list: permittedProcedure('inbox.read')
    .input(
      z.object({
        view: z.enum(['mine', 'unassigned', 'all']),
        status: z.enum(['open', 'pending', 'snoozed', 'resolved']).default('open'),
        channel: z.enum(['email', 'sms', 'wechat']).optional(),
        label: z.string().max(40).optional(),
        /** A team's queue; null: conversations of no team. */
        team: z.uuid().nullish(),
        after: z.string().max(100).optional(),
        limit: z.number().int().min(1).max(200).default(100),
      }),
    )
    .query(({ ctx, input }) =>
      listConversations(ctx.em, ctx.session.workspace.id, ctx.session.user.id, input),
    ),
  counts: permittedProcedure('inbox.read').query(({ ctx }) =>
    inboxCounts(ctx.em, ctx.session.workspace.id, ctx.session.user.id),
  ),
  /** One conversation: the list row, its history, and whether the contact can receive an answer on its channel. */
  conversation: permittedProcedure('inbox.read')
    .input(z.object({ id: conversationId }))
    .query(async ({ ctx, input }) => {
      const [conversation] = await conversationSummaries(ctx.em, ctx.session.workspace.id, [input.id]);
      if (!conversation) throw notFound('Conversation');
      const [entries, [contact]] = await Promise.all([
        conversationEntries(ctx.em, input.id),
        sql<ContactRow>(ctx.em, 'select * from contacts where id = ?', [conversation.contact.id]),
      ]);
      const blocked = contact ? await replyBlocker(ctx.em, contact, conversation.channel) : null;
      return { conversation, entries, replyBlocked: blocked?.reason ?? null };
    }),
  forContact: permittedProcedure('inbox.read')
    .input(z.object({ contactId: z.uuid() }))
    .query(({ ctx, input }) => contactConversations(ctx.em, ctx.session.workspace.id, input.contactId)),
  reply: permittedProcedure('inbox.reply')
    .input(
      z.object({
        conversationId,
        text: z.string().max(50_000),
        attachmentIds: z.array(z.uuid()).max(10).default([]),
        clientId: z.uuid(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const result = await sendConversationReply(ctx.em, (m) => ctx.services.startDelivery(m), {
        workspaceId: ctx.session.workspace.id,
        authorId: ctx.session.user.id,
        ...input,
      });
      return { entryId: result.entryId, messageId: result.message.id, created: result.created };
    }),
  note: permittedProcedure('inbox.reply')
    .input(z.object({ conversationId, body: z.string().max(10_000) }))
    .mutation(({ ctx, input }) =>
      addNote(
        ctx.em,
        ctx.session.workspace.id,
        { userId: ctx.session.user.id },
        input.conversationId,
        input.body,
      ),
    ),
  assign: permittedProcedure('inbox.reply')
    .input(z.object({ conversationId, assigneeId: z.uuid().nullable() }))
    .mutation(({ ctx, input }) =>
      assignConversation(
        ctx.em,
        ctx.session.workspace.id,
        { userId: ctx.session.user.id },
        input.conversationId,
        input.assigneeId,
      ),
    ),
  status: permittedProcedure('inbox.reply')
    .input(
      z.object({
        conversationId,
        status: z.enum(['open', 'pending', 'snoozed', 'resolved']),
        until: z.iso.datetime().optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const workspaceId = ctx.session.workspace.id;
      const actor = { userId: ctx.session.user.id };
      if (input.status !== 'snoozed') {
        const summary = await changeStatus(ctx.em, workspaceId, actor, input.conversationId, {
          status: input.status,
        });
        if (input.status !== 'resolved') return summary;
        // Resolved: the contact is asked how we did (when the workspace wants it), on the same channel.
        const { asked } = await askForRating(ctx.em, (m) => ctx.services.startDelivery(m), {
          workspaceId,
          conversationId: input.conversationId,
          linkFor: (requestedAt) =>
            `${ctx.services.publicUrl}/rate/${ratingToken(ctx.services.sessionSecret, input.conversationId, requestedAt)}`,
        });
        if (!asked) return summary;
        const [updated] = await conversationSummaries(ctx.em, workspaceId, [input.conversationId]);
        return updated ?? summary;
      }
      if (!input.until) throw validationError('until', 'Choose until when to snooze');
      const until = new Date(input.until);
      const summary = await changeStatus(ctx.em, workspaceId, actor, input.conversationId, {
        status: 'snoozed',
        until,
      });
      await ctx.services.inbox.scheduleWake({ workspaceId, conversationId: input.conversationId, at: until });
      return summary;
    }),
  priority: permittedProcedure('inbox.reply')
    .input(z.object({ conversationId, priority: z.enum(['none', 'low', 'medium', 'high', 'urgent']) }))
    .mutation(({ ctx, input }) =>
      setPriority(
        ctx.em,
        ctx.session.workspace.id,
        { userId: ctx.session.user.id },
        input.conversationId,
        input.priority,
      ),
    ),
  /** Moves a conversation to a team's queue (null: the workspace's). */
  setTeam: permittedProcedure('inbox.reply')
    .input(z.object({ conversationId, teamId: z.uuid().nullable() }))
    .mutation(({ ctx, input }) =>
      setTeam(
        ctx.em,
        ctx.session.workspace.id,
        { userId: ctx.session.user.id },
        input.conversationId,
        input.teamId,
      ),
    ),
  /** The campaigns and journeys that last wrote to a contact: the panel beside the conversation. */
  recentSends: permittedProcedure('inbox.read')
    .input(z.object({ contactId: z.uuid() }))
    .query(async ({ ctx, input }) => {
      const [known] = await sql(ctx.em, 'select 1 from contacts where workspace_id = ? and id = ?', [
        ctx.session.workspace.id,
        input.contactId,
      ]);
      if (!known) throw notFound('Contact');
      return recentSends(ctx.em, ctx.session.workspace.id, input.contactId);
    }),
  /** Hands the conversation's contact to sales by the owner rules; the history says who did and what came of it. */
  handOff: permittedProcedure('inbox.reply')
    .input(z.object({ conversationId }))
    .mutation(async ({ ctx, input }) => {
      const workspaceId = ctx.session.workspace.id;
      const contact = await contactOfConversation(ctx.em, workspaceId, input.conversationId);
      const outcome = await ctx.em.transactional((tx) =>
        handOffToSales(
          tx,
          workspaceId,
          contact,
          `${ctx.session.user.name} handed this contact to sales from the inbox`,
        ),
      );
      const [owner] =
        'ownerId' in outcome
          ? await sql<{ name: string }>(ctx.em, 'select name from users where id = ?', [outcome.ownerId])
          : [];
      await recordContactAction(ctx.em, workspaceId, ctx.session.user.id, input.conversationId, {
        action: 'handed_off',
        result: outcome.result,
        ...(owner ? { owner: owner.name } : {}),
      });
      return { result: outcome.result, owner: owner?.name ?? null };
    }),
  /** Enrols the conversation's contact in a live journey (its entry rules apply). */
  enrol: permittedProcedure('inbox.reply')
    .input(z.object({ conversationId, journeyId: z.uuid() }))
    .mutation(async ({ ctx, input }) => {
      const workspaceId = ctx.session.workspace.id;
      const contact = await contactOfConversation(ctx.em, workspaceId, input.conversationId);
      const result = await enrolManually(ctx.em, ctx.services.journeys, {
        workspaceId,
        journeyId: input.journeyId,
        target: { kind: 'contacts', contactIds: [contact.id] },
      });
      const [journey] = await sql<{ name: string }>(ctx.em, 'select name from journeys where id = ?', [
        input.journeyId,
      ]);
      await recordContactAction(ctx.em, workspaceId, ctx.session.user.id, input.conversationId, {
        action: 'enrolled',
        journey: journey?.name ?? '',
        admitted: result.enrolled > 0,
      });
      return { enrolled: result.enrolled > 0, journey: journey?.name ?? '' };
    }),
  teams: permittedProcedure('inbox.read').query(({ ctx }) => listTeams(ctx.em, ctx.session.workspace.id)),
  saveTeam: permittedProcedure('inbox.configure')
    .input(
      z.object({
        id: z.uuid().optional(),
        name: z.string().max(200),
        channels: z.array(z.enum(['email', 'sms', 'wechat'])).max(3),
        memberIds: z.array(z.uuid()).max(500),
        businessHours: businessHours.nullable(),
      }),
    )
    .mutation(({ ctx, input }) => saveTeam(ctx.em, ctx.session.workspace.id, input)),
  deleteTeam: permittedProcedure('inbox.configure')
    .input(z.object({ id: z.uuid() }))
    .mutation(async ({ ctx, input }) => {
      await deleteTeam(ctx.em, ctx.session.workspace.id, input.id);
      return { ok: true };
    }),
  labels: permittedProcedure('inbox.reply')
    .input(z.object({ conversationId, labels: z.array(z.string().max(200)).max(50) }))
    .mutation(({ ctx, input }) =>
      setLabels(
        ctx.em,
        ctx.session.workspace.id,
        { userId: ctx.session.user.id },
        input.conversationId,
        input.labels,
      ),
    ),
  markRead: permittedProcedure('inbox.read')
    .input(z.object({ conversationId }))
    .mutation(async ({ ctx, input }) => {
      await markConversationRead(ctx.em, ctx.session.workspace.id, input.conversationId);
      return { ok: true };
    }),
  /** "Ann is typing…" on every colleague's screen, for a few seconds; never stored. */
  typing: permittedProcedure('inbox.reply')
    .input(z.object({ conversationId }))
    .mutation(async ({ ctx, input }) => {
      await ctx.services.inbox.signal(ctx.em, ctx.session.workspace.id, {
        kind: 'typing',
        conversationId: input.conversationId,
        userId: ctx.session.user.id,
        name: ctx.session.user.name,
      });
      return { ok: true };
    }),
  /** Per agent and in total over a period of UTC days: volumes, response and resolution times, SLA, CSAT. */
  report: permittedProcedure('inbox.reports')
    .input(z.object({ from: z.string().max(10), to: z.string().max(10) }))
    .query(({ ctx, input }) => inboxReport(ctx.em, ctx.session.workspace.id, input)),
  agents: permittedProcedure('inbox.read').query(({ ctx }) => agentStates(ctx.em, ctx.session.workspace.id)),
  /** The signed-in agent's own switch: take new conversations or not. */
  setAvailable: permittedProcedure('inbox.reply')
    .input(z.object({ available: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      await updateAgent(ctx.em, ctx.session.workspace.id, ctx.session.user.id, {
        available: input.available,
      });
      return { ok: true };
    }),
  setCapacity: permittedProcedure('inbox.configure')
    .input(z.object({ userId: z.uuid(), capacity: z.number().int() }))
    .mutation(async ({ ctx, input }) => {
      await updateAgent(ctx.em, ctx.session.workspace.id, input.userId, { capacity: input.capacity });
      return { ok: true };
    }),
  settings: permittedProcedure('inbox.read').query(({ ctx }) =>
    loadInboxSettings(ctx.em, ctx.session.workspace.id),
  ),
  saveSettings: permittedProcedure('inbox.configure')
    .input(
      z.object({
        autoAssign: z.boolean(),
        reassignWhenOffline: z.boolean(),
        slaFirstResponseMinutes: z.number().nullable().default(null),
        slaNextResponseMinutes: z.number().nullable().default(null),
        slaResolutionMinutes: z.number().nullable().default(null),
        businessHours: businessHours.nullable().default(null),
        csatEnabled: z.boolean().default(true),
      }),
    )
    .mutation(({ ctx, input }) => saveInboxSettings(ctx.em, ctx.session.workspace.id, input)),
  canned: permittedProcedure('inbox.read').query(({ ctx }) =>
    listCannedResponses(ctx.em, ctx.session.workspace.id),
  ),
  saveCanned: permittedProcedure('inbox.configure')
    .input(z.object({ id: z.uuid().optional(), shortcut: z.string().max(100), body: z.string().max(10_000) }))
    .mutation(({ ctx, input }) => saveCannedResponse(ctx.em, ctx.session.workspace.id, input)),
  deleteCanned: permittedProcedure('inbox.configure')
    .input(z.object({ id: z.uuid() }))
    .mutation(async ({ ctx, input }) => {
      await deleteCannedResponse(ctx.em, ctx.session.workspace.id, input.id);
      return { ok: true };
    }),
  renderCanned: permittedProcedure('inbox.reply')
    .input(z.object({ conversationId, cannedId: z.uuid() }))
    .mutation(async ({ ctx, input }) => ({
      text: await renderCannedResponse(ctx.em, {
        workspaceId: ctx.session.workspace.id,
        agentName: ctx.session.user.name,
        ...input,
      }),
    })),
  /**
   * The live feed over SSE: stored events carry their id, and a reconnecting client resumes after the last one it
   * saw (the browser's Last-Event-ID), so a restart of this server loses nothing. Only the session's workspace.
   */
  events: permittedProcedure('inbox.read')
    .input(
      z.object({
        lastEventId: z
          .string()
          .regex(/^\d{1,18}$/)
          .nullish(),
      }),
    )
    .subscription(async function* ({ ctx, input, signal }) {
      const workspaceId = ctx.session.workspace.id;
      const userId = ctx.session.user.id;
      const abort = new AbortController();
      signal?.addEventListener('abort', () => abort.abort());
      const beat = async () => {
        await touchPresence(ctx.em, workspaceId, userId).catch(() => undefined);
      };
      await beat();
      const timer = setInterval(() => void beat(), HEARTBEAT_MS);
      try {
        const last = input.lastEventId ? Number(input.lastEventId) : null;
        for await (const item of ctx.services.inbox.stream(workspaceId, last, abort.signal)) {
          if (item.type === 'event') yield tracked(String(item.event.id), item.event);
          else yield { live: item.signal };
        }
      } finally {
        clearInterval(timer);
        abort.abort();
        // Once the online window has passed without a beat from another tab or server, they are offline.
        setTimeout(
          () => void releaseOfflineAgent(ctx.em, workspaceId, userId).catch(() => undefined),
          (ONLINE_WINDOW_SECONDS + 5) * 1000,
        ).unref();
      }
    }),
});
