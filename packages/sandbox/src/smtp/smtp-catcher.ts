import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';
import { reactionFor, sendRawMail, simulatedReport } from './simulated-bounces.ts';

export interface CaughtEmail {
  id: string;
  receivedAt: string;
  envelopeFrom: string;
  envelopeTo: string[];
  from: string;
  to: string;
  subject: string;
  html: string | null;
  text: string | null;
  headers: [string, string][];
  size: number;
}

interface StoredMeta {
  envelopeFrom?: string;
  envelopeTo?: string[];
  receivedAt?: string;
}

export interface SmtpCatcher {
  port: number;
  list(limit?: number): CaughtEmail[];
  get(id: string): CaughtEmail | undefined;
  raw(id: string): Promise<string | undefined>;
  count(): number;
  clear(): void;
  /** Leaves senders waiting for the answer to their message until the returned function is called (a slow provider). */
  stall(): () => void;
  stop(): Promise<void>;
}

export interface SmtpCatcherOptions {
  port: number;
  host?: string;
  /** Keep raw messages as .eml files here so the outbox survives restarts; omit to keep them in memory only. */
  storeDir?: string;
  /** Keep at most this many messages listed (oldest dropped); the count still grows. */
  keep?: number;
  /** The product's inbound SMTP listener: simulated bounces and complaints are mailed there (see simulated-bounces). */
  reportsTo?: { host: string; port: number };
}

/** A real SMTP server on 127.0.0.1 that accepts everything and keeps what it receives, for the Sandbox outbox. */
export async function startSmtpCatcher(options: SmtpCatcherOptions): Promise<SmtpCatcher> {
  const keep = options.keep ?? 1000;
  const messages: CaughtEmail[] = [];
  const rawById = new Map<string, string>();
  let received = 0;
  let stalled: Promise<void> = Promise.resolve();
  if (options.storeDir) {
    await mkdir(options.storeDir, { recursive: true });
    const files = (await readdir(options.storeDir))
      .filter((f) => f.endsWith('.eml'))
      .sort()
      .slice(-keep);
    for (const file of files) {
      const raw = await readFile(path.join(options.storeDir, file), 'utf8');
      const metaFile = path.join(options.storeDir, file.replace(/\.eml$/, '.json'));
      const meta = JSON.parse(await readFile(metaFile, 'utf8').catch(() => '{}')) as StoredMeta;
      const id = file.replace(/\.eml$/, '');
      messages.push(await describe(id, raw, meta.envelopeFrom ?? '', meta.envelopeTo ?? [], meta.receivedAt));
      received++;
    }
  }

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 30 * 1024 * 1024,
    onAuth(_auth, _session, callback) {
      callback(null, { user: 'sandbox' });
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const id = `${Date.now().toString().padStart(14, '0')}-${(++received).toString().padStart(8, '0')}`;
        const envelopeFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        const envelopeTo = session.envelope.rcptTo.map((r) => r.address);
        const receivedAt = new Date().toISOString();
        stalled
          .then(() => describe(id, raw, envelopeFrom, envelopeTo, receivedAt))
          .then(async (email) => {
            messages.push(email);
            rawById.set(id, raw);
            while (messages.length > keep) rawById.delete(messages.shift()!.id);
            if (options.storeDir) {
              await writeFile(path.join(options.storeDir, `${id}.eml`), raw);
              await writeFile(
                path.join(options.storeDir, `${id}.json`),
                JSON.stringify({ envelopeFrom, envelopeTo, receivedAt }),
              );
            }
            callback(null, `Queued as ${id}`);
            if (options.reportsTo && envelopeFrom)
              reactAsRecipientServer(options.reportsTo, raw, envelopeFrom, envelopeTo);
          })
          .catch((error: Error) => callback(error));
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  // A sender that dies mid-session resets its connection; smtp-server reports it as an 'error' event, which must
  // not bring down the process the sandbox runs in.
  server.on('error', () => undefined);
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;

  return {
    port,
    list: (limit = 100) => messages.slice(-limit).reverse(),
    get: (id) => messages.find((m) => m.id === id),
    async raw(id) {
      if (rawById.has(id)) return rawById.get(id);
      if (!options.storeDir || !/^[\d-]+$/.test(id)) return undefined;
      return readFile(path.join(options.storeDir, `${id}.eml`), 'utf8').catch(() => undefined);
    },
    count: () => received,
    clear() {
      messages.length = 0;
      rawById.clear();
    },
    stall() {
      let release = () => undefined as void;
      stalled = new Promise<void>((resolve) => (release = resolve));
      return release;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function reactAsRecipientServer(
  relay: { host: string; port: number },
  raw: string,
  returnPath: string,
  recipients: string[],
) {
  for (const recipient of recipients) {
    const reaction = reactionFor(recipient);
    if (!reaction) continue;
    // A real server reports a little later, from its own queue; errors only mean the product is not listening.
    setTimeout(() => {
      sendRawMail(relay, { to: [returnPath] }, simulatedReport(reaction, recipient, raw)).catch(
        (error: Error) =>
          console.error(
            `[sandbox] could not deliver the simulated ${reaction} for ${recipient}: ${error.message}`,
          ),
      );
    }, 300);
  }
}

async function describe(
  id: string,
  raw: string,
  envelopeFrom: string,
  envelopeTo: string[],
  receivedAt?: string,
): Promise<CaughtEmail> {
  const parsed = await simpleParser(raw);
  const headers: [string, string][] = parsed.headerLines.map((h) => {
    const colon = h.line.indexOf(':');
    return [h.line.slice(0, colon), h.line.slice(colon + 1).trim()];
  });
  const addressText = (a: typeof parsed.to) =>
    Array.isArray(a) ? a.map((x) => x.text).join(', ') : (a?.text ?? '');
  return {
    id,
    receivedAt: receivedAt ?? new Date().toISOString(),
    envelopeFrom,
    envelopeTo,
    from: addressText(parsed.from),
    to: addressText(parsed.to),
    subject: parsed.subject ?? '',
    html: typeof parsed.html === 'string' ? parsed.html : null,
    text: parsed.text ?? null,
    headers,
    size: Buffer.byteLength(raw),
  };
}
