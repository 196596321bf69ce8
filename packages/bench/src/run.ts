import path from 'node:path';
import { parseArgs } from 'node:util';
import { apiOverhead } from './benchmarks/api-overhead.ts';
import { ingestEvents } from './benchmarks/ingest-events.ts';
import { importContacts } from './benchmarks/import-contacts.ts';
import { segmentCount } from './benchmarks/segment-count.ts';
import { sendEmailChannel } from './benchmarks/send-email-channel.ts';
import { sendEmail } from './benchmarks/send-email.ts';
import { journeyEntry } from './benchmarks/journey-entry.ts';
import { journeyTrigger } from './benchmarks/journey-trigger.ts';
import { inboxRealtime } from './benchmarks/inbox-realtime.ts';
import { reportQuery } from './benchmarks/report-query.ts';
import { webhookDelivery } from './benchmarks/webhook-delivery.ts';

/** `npm run bench -- [name] [--seconds N] [--connections N] [--rounds N] [--rows N] [--contacts N] [--events N] [--ledger N] [--recipients N] [--ceilingRecipients N] [--agents N] [--rate N] [--purchaseShare F] [--deliveries N]`: each benchmark prints a ratio against its ceiling. */
const repoRoot = path.resolve(import.meta.dirname, '../../..');
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    // Each benchmark has its own default duration (10 s of load; inbox-realtime 60 s).
    seconds: { type: 'string' },
    agents: { type: 'string', default: '20' },
    connections: { type: 'string', default: '50' },
    rounds: { type: 'string', default: '3' },
    rows: { type: 'string', default: '1000000' },
    contacts: { type: 'string', default: '1000000' },
    events: { type: 'string', default: '20000000' },
    messages: { type: 'string', default: '10000' },
    recipients: { type: 'string', default: '100000' },
    // send-email's ceiling rate does not depend on the audience: at a million recipients, measure it on fewer.
    ceilingRecipients: { type: 'string' },
    pool: { type: 'string', default: '5' },
    journeyContacts: { type: 'string', default: '10000' },
    rate: { type: 'string', default: '50' },
    // journey-trigger: the share of its events that are purchases (the rest are unrelated events).
    purchaseShare: { type: 'string', default: '0.5' },
    // report-query's send history.
    ledger: { type: 'string', default: '5000000' },
    deliveries: { type: 'string', default: '20000' },
  },
});
const loadOptions = {
  seconds: Number(values.seconds ?? 10),
  connections: Number(values.connections),
  rounds: Number(values.rounds),
  repoRoot,
};
const benchmarks: Record<string, () => Promise<string>> = {
  'api-overhead': () => apiOverhead(loadOptions),
  'ingest-events': () => ingestEvents(loadOptions),
  'segment-count': () =>
    segmentCount({
      rounds: Number(values.rounds),
      contacts: Number(values.contacts),
      events: Number(values.events),
    }),
  'report-query': () =>
    reportQuery({
      rounds: Number(values.rounds),
      contacts: Number(values.contacts),
      events: Number(values.events),
      messages: Number(values.ledger),
    }),
  'send-email': () =>
    sendEmail({
      repoRoot,
      contacts: Number(values.recipients),
      ceilingContacts: Number(values.ceilingRecipients ?? values.recipients),
      poolSize: Number(values.pool),
    }),
  'send-email-channel': () =>
    sendEmailChannel({
      messages: Number(values.messages),
      rounds: Number(values.rounds),
      poolSize: Number(values.pool),
    }),
  'journey-entry': () =>
    journeyEntry({ repoRoot, contacts: Number(values.journeyContacts), poolSize: Number(values.pool) }),
  'journey-trigger': () =>
    journeyTrigger({
      repoRoot,
      waiting: Number(values.journeyContacts),
      rate: Number(values.rate),
      purchaseShare: Number(values.purchaseShare),
      seconds: Number(values.seconds ?? 10),
      poolSize: Number(values.pool),
    }),
  'inbox-realtime': () =>
    inboxRealtime({
      repoRoot,
      agents: Number(values.agents),
      rate: Number(values.rate),
      seconds: Number(values.seconds ?? 60),
    }),
  'import-contacts': () =>
    importContacts({ repoRoot, rounds: Number(values.rounds), rows: Number(values.rows) }),
  'webhook-delivery': () =>
    webhookDelivery({ deliveries: Number(values.deliveries), rounds: Number(values.rounds) }),
};
const selected = positionals.length ? positionals : Object.keys(benchmarks);
for (const name of selected) {
  const bench = benchmarks[name];
  if (!bench) {
    console.error(`Unknown benchmark "${name}". Known: ${Object.keys(benchmarks).join(', ')}`);
    process.exit(64);
  }
  console.log(await bench());
}
process.exit(0);
