import type { Hono } from 'hono';
import { z } from 'zod';
import {
  CONSENT_CHANNELS,
  CONSENT_SOURCES,
  CONSENT_STATUSES,
  contactConsents,
  findContact,
  parseContactReference,
  recordConsent,
  requestDoubleOptIn,
  topicKey,
} from '@switchboard/contacts';
import { notFound, type TransactionalMailer } from '@switchboard/accounts';
import type { Database } from '@switchboard/db';
import { requireScope, type ApiV1Env } from './api-key-auth.ts';
import { readJson } from './read-json.ts';

const consentBody = z
  .object({
    channel: z.enum(CONSENT_CHANNELS),
    topic: topicKey.optional(),
    status: z.enum(CONSENT_STATUSES),
    source: z.enum(CONSENT_SOURCES).default('api'),
    timestamp: z.iso.datetime({ offset: true }).optional(),
    proof: z
      .object({
        ip: z.string().max(64).optional(),
        userAgent: z.string().max(400).optional(),
        formId: z.string().max(200).optional(),
        importId: z.string().max(200).optional(),
        wordingVersion: z.string().max(100).optional(),
        text: z.string().max(2000).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

const doubleOptInBody = z
  .object({
    topic: topicKey.default(''),
    wordingVersion: z.string().max(100).optional(),
    text: z.string().max(2000).optional(),
    formId: z.string().max(200).optional(),
    ip: z.string().max(64).optional(),
    userAgent: z.string().max(400).optional(),
  })
  .strict();

export interface ConsentRouteDeps {
  db: Database;
  mailer: TransactionalMailer;
  publicUrl: string;
  sessionSecret: string;
}

/**
 * /contacts/{ref}/consents: read the current consents with their history, record a change with its proof;
 * /contacts/{ref}/double-opt-in: make email consent pending and send the confirmation email.
 */
export function mountConsentRoutes(api: Hono<ApiV1Env>, deps: ConsentRouteDeps) {
  api.post('/contacts/:ref/double-opt-in', requireScope('contacts:write'), async (c) => {
    const body = doubleOptInBody.parse(await readJson(c));
    const em = deps.db.fork();
    const principal = c.get('principal');
    const contact = await findContact(em, principal.workspace.id, parseContactReference(c.req.param('ref')));
    if (!contact) throw notFound('Contact');
    const { ip, userAgent, ...request } = body;
    await requestDoubleOptIn(
      em,
      contact,
      { ...request, ...(ip ? { ip } : {}), ...(userAgent ? { userAgent } : {}) },
      {
        mailer: deps.mailer,
        publicUrl: deps.publicUrl,
        secret: deps.sessionSecret,
        senderName: principal.workspace.name,
      },
    );
    return c.json(await contactConsents(em, contact.id), 202);
  });

  api.get('/contacts/:ref/consents', requireScope('contacts:read'), async (c) => {
    const em = deps.db.fork();
    const contact = await findContact(
      em,
      c.get('principal').workspace.id,
      parseContactReference(c.req.param('ref')),
    );
    if (!contact) throw notFound('Contact');
    return c.json(await contactConsents(em, contact.id));
  });

  api.post('/contacts/:ref/consents', requireScope('contacts:write'), async (c) => {
    const body = consentBody.parse(await readJson(c));
    const em = deps.db.fork();
    const workspaceId = c.get('principal').workspace.id;
    const contact = await findContact(em, workspaceId, parseContactReference(c.req.param('ref')));
    if (!contact) throw notFound('Contact');
    await recordConsent(em, workspaceId, contact.id, {
      channel: body.channel,
      status: body.status,
      source: body.source,
      ...(body.topic ? { topic: body.topic } : {}),
      ...(body.proof ? { proof: body.proof } : {}),
      ...(body.timestamp ? { at: new Date(body.timestamp) } : {}),
    });
    return c.json(await contactConsents(em, contact.id), 201);
  });
}
