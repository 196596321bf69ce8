import type { Hono } from 'hono';
import {
  AttributeSchema,
  InputError,
  contactTimeline,
  contactView,
  eraseContact,
  exportContact,
  findContact,
  identifyContact,
  identifyInputFrom,
  parseContactReference,
  patchContactSchema,
  type ContactRow,
} from '@switchboard/contacts';
import type { Database, EntityManager } from '@switchboard/db';
import { notFound } from '@switchboard/accounts';
import { requireScope, type ApiV1Env } from './api-key-auth.ts';
import { readJson } from './read-json.ts';

async function contactOr404(em: EntityManager, workspaceId: string, ref: string): Promise<ContactRow> {
  const contact = await findContact(em, workspaceId, parseContactReference(ref));
  if (!contact) throw notFound('Contact');
  return contact;
}

/** /contacts/{ref}: read, update, erase and export one contact, addressed by id or any identity. */
export function mountContactRoutes(api: Hono<ApiV1Env>, deps: { db: Database }) {
  api.get('/contacts/:ref', requireScope('contacts:read'), async (c) => {
    const em = deps.db.fork();
    const contact = await contactOr404(em, c.get('principal').workspace.id, c.req.param('ref'));
    const timeline = await contactTimeline(em, contact.id, { limit: 50 });
    return c.json({ contact: contactView(contact), recentEvents: timeline });
  });

  api.patch('/contacts/:ref', requireScope('contacts:write'), async (c) => {
    const body = patchContactSchema.parse(await readJson(c));
    const em = deps.db.fork();
    const principal = c.get('principal');
    const contact = await contactOr404(em, principal.workspace.id, c.req.param('ref'));
    const schema = await AttributeSchema.load(em, principal.workspace.id);
    // A PATCH is an identify pinned to this contact: its identities address it, the body's identities are added.
    const pinned = {
      ...body,
      email: body.email ?? contact.email ?? undefined,
      phone: body.phone ?? contact.phone ?? undefined,
      wechatId: body.wechatId ?? contact.wechat_id ?? undefined,
      externalId: body.externalId ?? contact.external_id ?? undefined,
    };
    const { input, newTypes, errors } = identifyInputFrom(
      pinned,
      schema,
      { type: 'api_key', id: principal.keyId, label: `API key ${principal.name}` },
      new Date(),
    );
    if (Object.keys(errors).length) throw new InputError(errors);
    if (
      !contact.email &&
      !contact.phone &&
      !contact.wechat_id &&
      !contact.external_id &&
      !Object.keys(input.identities).length
    )
      throw new InputError({ email: 'this contact has no identity yet; give it one' });
    await schema.define(em, newTypes);
    const result = await identifyContact(em, principal.workspace.id, input);
    return c.json({ contact: contactView(result.contact), mergedContactIds: result.mergedContactIds });
  });

  api.delete('/contacts/:ref', requireScope('contacts:write'), async (c) => {
    const em = deps.db.fork();
    const principal = c.get('principal');
    const contact = await contactOr404(em, principal.workspace.id, c.req.param('ref'));
    await eraseContact(em, contact, {
      type: 'api_key',
      id: principal.keyId,
      label: `API key ${principal.name}`,
    });
    return c.body(null, 204);
  });

  api.get('/contacts/:ref/export', requireScope('contacts:read'), async (c) => {
    const em = deps.db.fork();
    const principal = c.get('principal');
    const contact = await contactOr404(em, principal.workspace.id, c.req.param('ref'));
    const document = await exportContact(em, contact, {
      type: 'api_key',
      id: principal.keyId,
      label: `API key ${principal.name}`,
    });
    c.header('Content-Disposition', `attachment; filename="contact-${contact.id}.json"`);
    return c.json(document);
  });
}
