import { describe, expect, it } from 'vitest';
import { advanceStatus } from './message-status.ts';

describe('message status', () => {
  it('keeps the furthest state when provider reports arrive out of order', () => {
    expect(advanceStatus('opened', 'delivered')).toBe('opened');
    expect(advanceStatus('sent', 'delivered')).toBe('delivered');
    expect(advanceStatus('clicked', 'complained')).toBe('complained');
    expect(advanceStatus('delivered', 'bounced')).toBe('bounced');
  });

  it('never revives a suppressed or failed message', () => {
    expect(advanceStatus('suppressed', 'sent')).toBe('suppressed');
    expect(advanceStatus('failed', 'delivered')).toBe('failed');
  });
});
