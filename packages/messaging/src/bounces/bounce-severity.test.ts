import { describe, expect, it } from 'vitest';
import { isHardBounce } from './bounce-severity.ts';

describe('hard or soft bounce', () => {
  it.each([
    ['5.1.1', true], // user unknown
    ['5.1.10', true], // Microsoft RecipientNotFound
    ['5.1.2', true], // bad domain
    ['5.4.4', true], // no route
    ['5.0.0', true],
    ['5.2.2', false], // mailbox full
    ['5.7.1', false], // blocked by policy: about the sender, not the address
    ['4.2.2', false],
    ['4.4.1', false],
    ['garbage', false],
  ])('%s → hard %s', (status, hard) => expect(isHardBounce(status)).toBe(hard));
});
