/** One stored inbox event as an agent's SSE stream carries it (`inbox.events`). */
export interface StreamedInboxEvent {
  id: number;
  kind: string;
  conversationId: string | null;
  payload: { entries?: Array<{ kind: string; body: string | null }> };
}

export interface AgentStream {
  /** Stored events in arrival order, with the arrival time (performance.now()). */
  events: Array<{ event: StreamedInboxEvent; at: number }>;
  /** Resolves when the server has answered with the stream's headers. */
  opened: Promise<void>;
  /** Resolves when the stream ends: closed by us, by the server, or cut by a dying server. */
  ended: Promise<void>;
  lastEventId(): string | undefined;
  close(): void;
}

/**
 * An agent's live feed over real HTTP, as the web app opens it (tRPC SSE, the session cookie, the last event id it
 * saw when it reconnects). `onEvent` runs as each stored event arrives, for latency measurements.
 */
export function openAgentStream(
  base: string,
  sessionToken: string,
  options: { lastEventId?: string; onEvent?: (event: StreamedInboxEvent, at: number) => void } = {},
): AgentStream {
  const input = encodeURIComponent(
    JSON.stringify(options.lastEventId ? { lastEventId: options.lastEventId } : {}),
  );
  return openEventStream(`${base}/trpc/inbox.events?input=${input}`, {
    headers: { cookie: `sb_session=${sessionToken}` },
    ...options,
  });
}

/** Any SSE stream whose events carry ids and JSON data shaped like stored inbox events. */
export function openEventStream(
  url: string,
  options: {
    headers?: Record<string, string>;
    lastEventId?: string;
    onEvent?: (event: StreamedInboxEvent, at: number) => void;
  } = {},
): AgentStream {
  const controller = new AbortController();
  const events: AgentStream['events'] = [];
  let lastId = options.lastEventId;
  let markOpened: () => void = () => undefined;
  let failOpen: (error: Error) => void = () => undefined;
  const opened = new Promise<void>((resolve, reject) => {
    markOpened = resolve;
    failOpen = reject;
  });
  opened.catch(() => undefined);
  const ended = (async () => {
    const response = await fetch(url, {
      headers: { ...options.headers, accept: 'text/event-stream' },
      signal: controller.signal,
    });
    if (!response.ok || !response.body) throw new Error(`${url} answered ${response.status}`);
    markOpened();
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      let cut: number;
      while ((cut = buffer.indexOf('\n\n')) !== -1) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const id = /^id: ?(.*)$/m.exec(block)?.[1];
        const data = /^data: ?(.*)$/m.exec(block)?.[1];
        if (!id || !data) continue;
        const at = performance.now();
        const event = JSON.parse(data) as StreamedInboxEvent;
        lastId = id;
        events.push({ event, at });
        options.onEvent?.(event, at);
      }
    }
  })().catch((error: Error) => {
    failOpen(error);
    // Aborted by us, or cut when the server went away: the stream has simply ended.
    if (error.name === 'AbortError' || error.message === 'terminated' || /fetch failed/.test(error.message))
      return;
    throw error;
  });
  return { events, opened, ended, lastEventId: () => lastId, close: () => controller.abort() };
}

/** The marker a benchmark or test writes into an inbound text, and reads back from the events that carry it. */
export const markerIn = (event: StreamedInboxEvent): string[] =>
  (event.payload.entries ?? [])
    .filter((e) => e.kind === 'inbound')
    .flatMap((e) => /\[m:(\d+)\]/.exec(e.body ?? '')?.[1] ?? []);
