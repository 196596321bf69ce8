import { SMTPServer } from 'smtp-server';

export interface InboundEnvelope {
  mailFrom: string;
  rcptTo: string[];
  remoteAddress: string;
}

export interface InboundSmtpOptions {
  port: number;
  host: string;
  /**
   * Whether to take mail for this recipient; a refusal is answered at RCPT TO with its code (550) and reason, so
   * nothing is read for addresses that are not ours.
   */
  acceptRecipient(
    address: string,
  ): Promise<{ accept: true } | { accept: false; code: number; reason: string }>;
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
      options.acceptRecipient(address.address).then(
        (verdict) => {
          if (verdict.accept) return callback();
          const refused = new Error(verdict.reason) as Error & { responseCode: number };
          refused.responseCode = verdict.code;
          callback(refused);
        },
        (error: unknown) => {
          options.onError?.(error);
          const retry = new Error('Temporary failure, try again later') as Error & { responseCode: number };
          retry.responseCode = 451;
          callback(retry);
        },
      );
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
