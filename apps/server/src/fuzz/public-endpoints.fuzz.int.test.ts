import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { messageToken } from '@switchboard/messaging';
import { twilioSignature } from '@switchboard/sandbox';
import { TEST_PUBLIC_URL, TEST_TRACKING_SECRET, useTestApp } from '../testing/test-app.ts';
import { hostileString } from './hostile-values.ts';
import { answerProblem, databaseFingerprint } from './response-checks.ts';
import { fuzzParameters, urlPart } from './fuzz-settings.ts';

/**
 * What needs no login: tracking pixels and redirects, the preference centre and one-click unsubscribe, double
 * opt-in confirmations, Twilio's webhooks (signed, so the hostile values reach the handlers), cookies and headers
 * on every door. Never a 5xx, never a stack trace, and a refusal changes nothing.
 */
const TWILIO_TOKEN = 'fuzz-twilio-auth-token';
// Unknown SIDs are the rule here: their status callbacks need not wait for the ledger.
const t = await useTestApp({ twilioAuthToken: TWILIO_TOKEN, statusCatchUpMs: 20 });

/** A token signed with our secret for a message that does not exist, and hostile variations of tokens. */
const token = fc.oneof(
  fc.constant(messageToken(TEST_TRACKING_SECRET, 'unsubscribe', randomUUID())),
  fc.constant(messageToken(TEST_TRACKING_SECRET, 'open', randomUUID())),
  hostileString,
  hostileString.map((s) => `${messageToken(TEST_TRACKING_SECRET, 'unsubscribe', randomUUID())}${s}`),
);

const form = (fields: Record<string, string>) =>
  Object.entries(fields)
    .map(([k, v]) => `${urlPart(k)}=${urlPart(v)}`)
    .join('&');

async function check(label: string, request: () => Response | Promise<Response>) {
  const before = await databaseFingerprint(t.database.db);
  const res = await request();
  const answer = { status: res.status, body: await res.text() };
  const problem = answerProblem(answer, 'page');
  if (problem) throw new Error(`${label}: ${problem}`);
  if (answer.status >= 400 && (await databaseFingerprint(t.database.db)) !== before)
    throw new Error(`${label} answered ${answer.status} but changed the database`);
}

describe('fuzzing the doors that need no login', () => {
  it('tracking: open pixels and click redirects', async () => {
    await fc.assert(
      fc.asyncProperty(token, fc.constantFrom('GET', 'HEAD'), async (value, method) => {
        await check(`${method} /t/o`, () => t.app.request(`/t/o/${urlPart(value)}.gif`, { method }));
        await check(`${method} /t/c`, () => t.app.request(`/t/c/${urlPart(value)}`, { method }));
      }),
      fuzzParameters(60),
    );
  }, 120_000);

  it('the preference centre, one-click unsubscribe and double opt-in', async () => {
    const fields = fc.dictionary(
      fc.constantFrom('List-Unsubscribe', 'action', 'topic', 'email', 'unexpected'),
      fc.oneof(fc.constantFrom('One-Click', 'save', 'unsubscribe'), hostileString),
      { maxKeys: 4 },
    );
    await fc.assert(
      fc.asyncProperty(
        token,
        fields,
        fc.constantFrom('urlencoded', 'multipart'),
        async (value, body, encoding) => {
          const payload =
            encoding === 'urlencoded'
              ? { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form(body) }
              : {
                  body: Object.entries(body).reduce(
                    (data, [k, v]) => (data.append(k, v), data),
                    new FormData(),
                  ),
                };
          await check('GET /u', () => t.app.request(`/u/${urlPart(value)}`));
          await check('POST /u', () => t.app.request(`/u/${urlPart(value)}`, { method: 'POST', ...payload }));
          await check('GET /confirm', () => t.app.request(`/confirm/${urlPart(value)}`));
          await check('POST /confirm', () =>
            t.app.request(`/confirm/${urlPart(value)}`, { method: 'POST', ...payload }),
          );
        },
      ),
      fuzzParameters(60),
    );
  }, 120_000);

  it('Twilio webhooks, correctly signed, with hostile parameters', async () => {
    const params = fc.record({
      MessageSid: fc.oneof(fc.constant(`SM${randomUUID().replace(/-/g, '')}`), hostileString),
      MessageStatus: fc.oneof(fc.constantFrom('delivered', 'failed', 'undelivered', 'sent'), hostileString),
      ErrorCode: fc.oneof(fc.constantFrom('21610', '30003', ''), hostileString),
      From: fc.oneof(fc.constant('+4915112345678'), hostileString),
      To: fc.oneof(fc.constant('+15005550006'), hostileString),
      Body: fc.oneof(fc.constantFrom('STOP', 'HELP', 'START', 'hello', '退订'), hostileString),
      AccountSid: fc.oneof(fc.constant('ACfuzz'), hostileString),
    });
    await fc.assert(
      fc.asyncProperty(
        params,
        fc.constantFrom('/hooks/twilio/status', '/hooks/twilio/inbound'),
        async (fields, path) => {
          // Twilio signs what it sends; text that is not valid UTF-16 cannot be part of a real request.
          const sent = Object.fromEntries(
            Object.entries(fields).map(([k, v]) => [k, Buffer.from(v, 'utf8').toString('utf8')]),
          );
          await check(`POST ${path}`, () =>
            t.app.request(path, {
              method: 'POST',
              headers: {
                'content-type': 'application/x-www-form-urlencoded',
                'x-twilio-signature': twilioSignature(TWILIO_TOKEN, `${TEST_PUBLIC_URL}${path}`, sent),
              },
              body: form(sent),
            }),
          );
        },
      ),
      fuzzParameters(80),
    );
  }, 120_000);

  it('cookies, authorization headers and paths on every door', async () => {
    const doors = fc.constantFrom(
      '/trpc/auth.me',
      '/trpc/contacts.list',
      '/exports/contacts.csv',
      '/api/v1/workspace',
      '/app/imports/x/rejected.csv',
      '/sandbox',
    );
    const header = hostileString.map((s) =>
      Buffer.from(s, 'utf8')
        .toString('latin1')
        .replace(/[\r\n\0]/g, ''),
    );
    await fc.assert(
      fc.asyncProperty(doors, header, header, hostileString, async (door, cookie, authorization, tail) => {
        await check(`GET ${door}`, () =>
          t.app.request(door, {
            headers: { cookie: `sb_session=${cookie}`, authorization: `Bearer ${authorization}` },
          }),
        );
        await check(`GET ${door}/…`, () => t.app.request(`${door}/${urlPart(tail)}?q=${urlPart(tail)}`));
        await check(`POST /app/imports`, () =>
          t.app.request('/app/imports', {
            method: 'POST',
            headers: { cookie: `sb_session=${cookie}` },
            body: tail,
          }),
        );
      }),
      fuzzParameters(60),
    );
  }, 120_000);
});
