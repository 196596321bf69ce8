import { createPrivateKey } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { Socket } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface CountingSink {
  port: number;
  received(): number;
  /** Messages whose X-Switchboard-Message id (or, for the ceiling, Message-ID) was seen before. */
  duplicates(): number;
  /** Distinct envelope recipients, and messages to a recipient who already had one (exactly-once per person). */
  recipients(): number;
  recipientDuplicates(): number;
  /** Refuse connections for a while (an outage), then accept again; what was received is kept. */
  pause(): Promise<void>;
  resume(): Promise<void>;
  reset(): void;
  stop(): Promise<void>;
}

const ID_HEADER = /^(?:x-switchboard-message|message-id):\s*(\S+)/im;

/**
 * The far side for send benchmarks: a real SMTP server that only counts, so the benchmark measures the sender and not
 * a parser. It remembers every message id to prove there were no duplicates.
 */
export async function startCountingSink(
  /** Called for every message with its envelope recipients, when it has been received. */
  onMessage?: (recipients: string[]) => void,
): Promise<CountingSink> {
  let received = 0;
  let duplicates = 0;
  let recipientDuplicates = 0;
  const seen = new Set<string>();
  const people = new Set<string>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    size: 10 * 1024 * 1024,
    onData(stream, session, callback) {
      let head = '';
      stream.on('data', (chunk: Buffer) => {
        if (head.length < 16_384) head += chunk.toString('latin1');
      });
      stream.on('end', () => {
        received++;
        for (const to of session.envelope.rcptTo) {
          if (people.has(to.address)) recipientDuplicates++;
          people.add(to.address);
        }
        const match = ID_HEADER.exec(head.split(/\r?\n\r?\n/)[0] ?? '')?.[1];
        // A copy, not the match: V8 keeps a matched substring as a slice of the whole message head, so remembering
        // the match would keep every message's head alive (≈ 9 KB each; a 1M-message run ran out of heap).
        const id = match === undefined ? undefined : Buffer.from(match, 'latin1').toString('latin1');
        if (id) {
          if (seen.has(id)) duplicates++;
          seen.add(id);
        }
        onMessage?.(session.envelope.rcptTo.map((to) => to.address));
        callback(null, 'OK');
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  // A sender killed mid-session (the fault tests SIGKILL the worker) resets its connection; smtp-server reports that
  // as an 'error' event, which must not bring the process down.
  server.on('error', () => undefined);
  const sockets = new Set<Socket>();
  server.server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    received: () => received,
    duplicates: () => duplicates,
    recipients: () => people.size,
    recipientDuplicates: () => recipientDuplicates,
    reset() {
      received = 0;
      duplicates = 0;
      recipientDuplicates = 0;
      seen.clear();
      people.clear();
    },
    pause: () =>
      new Promise<void>((resolve) => {
        server.server.close(() => resolve());
        // Pooled connections would outlive close(): cut them, as a crashed server would.
        for (const socket of sockets) socket.destroy();
      }),
    resume: () =>
      new Promise<void>((resolve, reject) => {
        server.server.once('error', reject);
        server.server.listen(port, '127.0.0.1', () => resolve());
      }),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** What every ceiling sends with: a bare nodemailer pool into the sink, DKIM-signing each message when given a key. */
export function bareSinkTransport(
  sink: Pick<CountingSink, 'port'>,
  poolSize: number,
  dkim?: { domainName: string; keySelector: string; privateKey: string },
) {
  return nodemailer.createTransport({
    pool: true,
    host: '127.0.0.1',
    port: sink.port,
    ignoreTLS: true,
    maxConnections: poolSize,
    maxMessages: Infinity,
    // The key parsed once, as the product does (parsing the PEM for every message costs more than the signature).
    ...(dkim
      ? { dkim: { ...dkim, privateKey: createPrivateKey(dkim.privateKey) as unknown as string } }
      : {}),
  });
}
