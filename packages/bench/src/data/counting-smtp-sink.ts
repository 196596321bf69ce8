import { SMTPServer } from 'smtp-server';

export interface CountingSink {
  port: number;
  received(): number;
  /** Messages whose X-Switchboard-Message id (or, for the ceiling, Message-ID) was seen before. */
  duplicates(): number;
  reset(): void;
  stop(): Promise<void>;
}

const ID_HEADER = /^(?:x-switchboard-message|message-id):\s*(\S+)/im;

/**
 * The far side for send benchmarks: a real SMTP server that only counts, so the benchmark measures the sender and not
 * a parser. It remembers every message id to prove there were no duplicates.
 */
export async function startCountingSink(): Promise<CountingSink> {
  let received = 0;
  let duplicates = 0;
  const seen = new Set<string>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    size: 10 * 1024 * 1024,
    onData(stream, _session, callback) {
      let head = '';
      stream.on('data', (chunk: Buffer) => {
        if (head.length < 16_384) head += chunk.toString('latin1');
      });
      stream.on('end', () => {
        received++;
        const id = ID_HEADER.exec(head.split(/\r?\n\r?\n/)[0] ?? '')?.[1];
        if (id) {
          if (seen.has(id)) duplicates++;
          seen.add(id);
        }
        callback(null, 'OK');
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    received: () => received,
    duplicates: () => duplicates,
    reset() {
      received = 0;
      duplicates = 0;
      seen.clear();
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
