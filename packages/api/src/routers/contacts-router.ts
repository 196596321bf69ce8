import { addToStaticList, contactSegments, findOrCreateStaticList } from '@switchboard/segments';
import { recordAudit } from '@switchboard/accounts';
import { bulkTag, bulkTargetSql, requestDoubleOptIn, setContactOwner } from '@switchboard/contacts';
import { z } from 'zod';
import { TRPCError } from '@trpc/server';
import {
  AttributeSchema,
  InputError,
  LIFECYCLE_STAGES,
  contactTimeline,
  contactView,
  eraseContact,
  findContact,
  identifyContact,
  identifyInputFrom,
  listContacts,
  CONSENT_CHANNELS,
  CONSENT_STATUSES,
  contactConsents,
  recordConsent,
  topicKey,
} from '@switchboard/contacts';
import { permittedProcedure, router } from '../trpc.ts';
import { actorOf } from '../actor.ts';

const contactId = z.uuid('Not a contact id');

export const contactsRouter = router({
  /** Server-side search, filter and keyset paging: the list stays fast however many contacts there are. */
  list: permittedProcedure('contacts.read')
    .input(
      z.object({
        search: z.string().trim().max(200).optional(),
        lifecycleStage: z.enum(LIFECYCLE_STAGES).optional(),
        tag: z.string().trim().max(100).optional(),
        cursor: z.string().max(200).optional(),
        limit: z.number().int().min(1).max(200).default(50),
      }),
    )
    .query(({ ctx, input }) => listContacts(ctx.em, ctx.session.workspace.id, input)),

  get: permittedProcedure('contacts.read')
    .input(z.object({ id: contactId }))
    .query(async ({ ctx, input }) => {
      const contact = await findContact(ctx.em, ctx.session.workspace.id, { contactId: input.id });
      if (!contact) throw new TRPCError({ code: 'NOT_FOUND', message: 'Contact not found' });
      return contactView(contact);
    }),

  /** The segments and static lists the contact is in. */
  segments: permittedProcedure('contacts.read')
    .input(z.object({ id: contactId }))
    .query(({ ctx, input }) => contactSegments(ctx.em, ctx.session.workspace.id, input.id)),

  timeline: permittedProcedure('contacts.read')
    .input(
      z.object({
        id: contactId,
        before: z.iso.datetime().optional(),
        limit: z.number().int().min(1).max(200).default(50),
      }),
    )
    .query(async ({ ctx, input }) => {
      const contact = await findContact(ctx.em, ctx.session.workspace.id, { contactId: input.id });
      if (!contact) throw new TRPCError({ code: 'NOT_FOUND', message: 'Contact not found' });
      return contactTimeline(ctx.em, contact.id, {
        limit: input.limit,
        ...(input.before ? { before: new Date(input.before) } : {}),
      });
    }),

  update: permittedProcedure('contacts.write')
    .input(
      z.object({
        id: contactId,
        firstName: z.string().trim().max(200).nullable().optional(),
        lastName: z.string().trim().max(200).nullable().optional(),
        lifecycleStage: z.enum(LIFECYCLE_STAGES).optional(),
        tags: z.array(z.string().trim().min(1).max(100)).max(100).optional(),
        attributes: z.record(z.string(), z.unknown()).optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const workspaceId = ctx.session.workspace.id;
      const contact = await findContact(ctx.em, workspaceId, { contactId: input.id });
      if (!contact) throw new TRPCError({ code: 'NOT_FOUND', message: 'Contact not found' });
      const schema = await AttributeSchema.load(ctx.em, workspaceId);
      const { id: _id, ...changes } = input;
      const identities = {
        ...(contact.email ? { email: contact.email } : {}),
        ...(contact.phone ? { phone: contact.phone } : {}),
        ...(contact.wechat_id ? { wechatId: contact.wechat_id } : {}),
        ...(contact.external_id ? { externalId: contact.external_id } : {}),
      };
      const converted = identifyInputFrom(
        { ...changes, ...identities },
        schema,
        actorOf(ctx.session, ctx.ip),
        new Date(),
      );
      if (Object.keys(converted.errors).length) throw new InputError(converted.errors);
      await schema.define(ctx.em, converted.newTypes);
      const result = await identifyContact(ctx.em, workspaceId, converted.input);
      return contactView(result.contact);
    }),

  /** Hand the contact to a member (or to nobody), with the change on the timeline and a notification. */
  setOwner: permittedProcedure('contacts.write')
    .input(z.object({ id: contactId, ownerId: z.uuid('Not a user id').nullable() }))
    .mutation(({ ctx, input }) =>
      setContactOwner(
        ctx.em,
        ctx.session.workspace.id,
        input.id,
        input.ownerId,
        actorOf(ctx.session, ctx.ip),
      ),
    ),

  /** Sends the double opt-in email for a topic (e.g. after the person agreed on the phone). */
  requestDoubleOptIn: permittedProcedure('contacts.write')
    .input(
      z.object({
        id: contactId,
        topic: topicKey.default(''),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const contact = await findContact(ctx.em, ctx.session.workspace.id, { contactId: input.id });
      if (!contact) throw new TRPCError({ code: 'NOT_FOUND', message: 'Contact not found' });
      await requestDoubleOptIn(
        ctx.em,
        contact,
        { topic: input.topic, ip: ctx.ip, text: `requested by ${ctx.session.user.email}` },
        {
          mailer: ctx.services.mailer,
          publicUrl: ctx.services.publicUrl,
          secret: ctx.services.sessionSecret,
          senderName: ctx.session.workspace.name,
        },
      );
      return contactConsents(ctx.em, contact.id);
    }),

  /** Tag, untag or add to a static list: the picked rows, or everyone matching the list's filters. */
  bulk: permittedProcedure('contacts.write', {
    inputAccess: [
      { when: 'target.filter', access: 'contacts.bulkEdit', doing: 'change every contact matching a filter' },
      { when: 'action.kind=addToList', access: 'segments.write', doing: 'create or fill static lists' },
    ],
  })
    .input(
      z.object({
        target: z.union([
          z.object({ ids: z.array(contactId).min(1).max(1000) }),
          z.object({
            filter: z.object({
              search: z.string().trim().max(200).optional(),
              lifecycleStage: z.enum(LIFECYCLE_STAGES).optional(),
              tag: z.string().trim().max(100).optional(),
            }),
          }),
        ]),
        action: z.discriminatedUnion('kind', [
          z.object({ kind: z.literal('tag'), tag: z.string().trim().min(1, 'Type the tag').max(100) }),
          z.object({ kind: z.literal('untag'), tag: z.string().trim().min(1, 'Type the tag').max(100) }),
          z.object({
            kind: z.literal('addToList'),
            listName: z.string().trim().min(1, 'Name the list').max(200),
          }),
        ]),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const workspaceId = ctx.session.workspace.id;
      const actor = actorOf(ctx.session, ctx.ip);
      return ctx.em.transactional(async (tx) => {
        let affected: number;
        if (input.action.kind === 'addToList') {
          const listId = await findOrCreateStaticList(
            tx,
            workspaceId,
            input.action.listName,
            actor,
            'action.listName',
          );
          affected = await addToStaticList(tx, workspaceId, listId, bulkTargetSql(workspaceId, input.target));
        } else
          affected = await bulkTag(
            tx,
            workspaceId,
            input.target,
            input.action.tag,
            input.action.kind === 'tag' ? 'add' : 'remove',
          );
        recordAudit(tx, {
          workspaceId,
          actor,
          action: 'contacts.bulk_updated',
          details: {
            action: input.action,
            target: 'ids' in input.target ? { count: input.target.ids.length } : input.target,
            affected,
          },
        });
        await tx.flush();
        return { affected };
      });
    }),

  consents: permittedProcedure('contacts.read')
    .input(z.object({ id: contactId }))
    .query(async ({ ctx, input }) => {
      const contact = await findContact(ctx.em, ctx.session.workspace.id, { contactId: input.id });
      if (!contact) throw new TRPCError({ code: 'NOT_FOUND', message: 'Contact not found' });
      return contactConsents(ctx.em, contact.id);
    }),

  /** A change made by a person in the app (e.g. on the phone with the customer): recorded with who and from where. */
  setConsent: permittedProcedure('contacts.write')
    .input(
      z.object({
        id: contactId,
        channel: z.enum(CONSENT_CHANNELS),
        topic: topicKey.default(''),
        status: z.enum(CONSENT_STATUSES),
        note: z.string().trim().max(2000).optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const contact = await findContact(ctx.em, ctx.session.workspace.id, { contactId: input.id });
      if (!contact) throw new TRPCError({ code: 'NOT_FOUND', message: 'Contact not found' });
      await recordConsent(ctx.em, ctx.session.workspace.id, contact.id, {
        channel: input.channel,
        topic: input.topic,
        status: input.status,
        source: 'admin',
        proof: {
          ip: ctx.ip,
          ...(ctx.userAgent ? { userAgent: ctx.userAgent } : {}),
          text: input.note ?? `set by ${ctx.session.user.email}`,
        },
      });
      return contactConsents(ctx.em, contact.id);
    }),

  erase: permittedProcedure('contacts.erase')
    .input(z.object({ id: contactId }))
    .mutation(async ({ ctx, input }) => {
      const contact = await findContact(ctx.em, ctx.session.workspace.id, { contactId: input.id });
      if (!contact) throw new TRPCError({ code: 'NOT_FOUND', message: 'Contact not found' });
      await eraseContact(ctx.em, contact, actorOf(ctx.session, ctx.ip));
      return { ok: true };
    }),
});
