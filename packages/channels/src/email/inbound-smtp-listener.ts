import { SMTPServer } from 'smtp-server';

export interface InboundEnvelope {
  mailFrom: string;
  rcptTo: string[];
  remoteAddress: string;
}

export interface InboundSmtpOptions {
  port: number;
  host: string;
  /** Accept mail only for these domains (our bounce/reply domain); everything else is refused at RCPT TO. */
  acceptDomains: string[] | null;
  maxBytes: number;
  /** Must store or act on the message before resolving: the sender gets 250 only after it. */
  onMessage(raw: Buffer, envelope: InboundEnvelope): Promise<void>;
  onError?(error: unknown): void;
}

export interface InboundSmtpListener {
  port: number;
  stop(): Promise<void>;
}

/**
 * Receives bounces (DSNs), complaint reports (ARF), replies and mailto unsubscribes. It answers 250 only after the
 * message has been handled, so a crash in between makes the remote server retry instead of losing the bounce.
 */
export async function startInboundSmtpListener(options: InboundSmtpOptions): Promise<InboundSmtpListener> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    size: options.maxBytes,
    banner: 'Switchboard inbound',
    onRcptTo(address, _session, callback) {
      const domain = address.address.slice(address.address.lastIndexOf('@') + 1).toLowerCase();
      if (options.acceptDomains && !options.acceptDomains.includes(domain)) {
        const refused = new Error(`<${address.address}>: relay access denied`) as Error & {
          responseCode: number;
        };
        refused.responseCode = 550;
        return callback(refused);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded) {
          const tooBig = new Error('Message too large') as Error & { responseCode: number };
          tooBig.responseCode = 552;
          return callback(tooBig);
        }
        options
          .onMessage(Buffer.concat(chunks), {
            mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            rcptTo: session.envelope.rcptTo.map((r) => r.address),
            remoteAddress: session.remoteAddress,
          })
          .then(
            () => callback(null, 'Accepted'),
            (error: unknown) => {
              options.onError?.(error);
              const retry = new Error('Temporary failure, try again later') as Error & {
                responseCode: number;
              };
              retry.responseCode = 451;
              callback(retry);
            },
          );
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.server.address();
  return {
    port: typeof address === 'object' && address ? address.port : options.port,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
