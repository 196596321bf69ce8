/**
 * Provider throughput limits (Twilio long codes take about one message a second, short codes a hundred; many SMTP
 * relays cap messages per second). A token bucket per channel: each send takes a token and waits when none is
 * left, so a burst never exceeds what the provider accepts. The limit holds per worker process; with several
 * workers, divide the provider's rate among them.
 */
export class ThroughputLimiter {
  private tokens: number;
  private last: number;

  constructor(
    private readonly perSecond: number,
    private readonly burst = Math.max(1, perSecond),
    private readonly clock: () => number = Date.now,
  ) {
    this.tokens = burst;
    this.last = clock();
  }

  /** Takes one token; returns how many milliseconds the caller must wait before sending (0 = now). */
  reserve(): number {
    if (this.perSecond <= 0) return 0;
    const now = this.clock();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    this.tokens -= 1;
    return this.tokens >= 0 ? 0 : Math.ceil((-this.tokens / this.perSecond) * 1000);
  }

  async take(): Promise<void> {
    const wait = this.reserve();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
}
