import { describe, expect, it } from 'vitest';
import { twilioErrorText } from './twilio-error-text.ts';

describe('twilioErrorText', () => {
  it('says what a known delivery error means, and names an unknown one', () => {
    expect(twilioErrorText('30003')).toMatch(/^Unreachable destination handset/);
    expect(twilioErrorText('30007')).toContain('spam');
    expect(twilioErrorText('39999')).toBe('Twilio reported error 39999');
  });
});
