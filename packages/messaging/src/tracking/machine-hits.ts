/**
 * Opens and clicks that no person made: Apple Mail Privacy Protection fetches every pixel on delivery, security
 * gateways (Proofpoint, Mimecast, Microsoft Safe Links, Barracuda…) follow every link, and some probe with HEAD.
 * They are recorded (deliverability still wants to know) but flagged, and kept out of engagement and A/B winners.
 */
export interface TrackingHit {
  kind: 'open' | 'click';
  method: string;
  userAgent: string | undefined;
  /** When the message was handed to the provider; hits within seconds of it are almost never human. */
  sentAt: Date | null;
  at: Date;
}

export interface MachineVerdict {
  machine: boolean;
  reason: string | null;
}

const SCANNER_AGENTS =
  /(bot|crawler|spider|scanner|preview|barracuda|proofpoint|mimecast|safelinks|urldefense|ironport|symantec|messagelabs|trend ?micro|fortinet|sophos|cisco|zscaler|forcepoint|python-requests|python-urllib|curl\/|wget|go-http-client|java\/|okhttp|libwww|httpclient|headless)/i;

/** Apple's MPP proxy presents a bare "Mozilla/5.0" with nothing after it. */
const APPLE_PRIVACY_PROXY = /^Mozilla\/5\.0$/;

/** A human cannot open and click within this many seconds of the send; scanners do it routinely. */
const TOO_FAST_SECONDS = { open: 2, click: 10 } as const;

export function classifyTrackingHit(hit: TrackingHit): MachineVerdict {
  if (hit.method.toUpperCase() === 'HEAD') return { machine: true, reason: 'HEAD request' };
  const agent = (hit.userAgent ?? '').trim();
  if (agent === '') return { machine: true, reason: 'no user agent' };
  if (APPLE_PRIVACY_PROXY.test(agent)) return { machine: true, reason: 'Apple Mail Privacy Protection' };
  if (SCANNER_AGENTS.test(agent)) return { machine: true, reason: 'security scanner or bot user agent' };
  if (hit.sentAt) {
    const seconds = (hit.at.getTime() - hit.sentAt.getTime()) / 1000;
    if (seconds >= 0 && seconds < TOO_FAST_SECONDS[hit.kind])
      return { machine: true, reason: `within ${TOO_FAST_SECONDS[hit.kind]} s of sending` };
  }
  return { machine: false, reason: null };
}
