import { describe, expect, it } from 'vitest';
import { isPublicAddress } from './public-address.ts';

describe('public addresses for webhooks', () => {
  it('refuses loopback, private, link-local, metadata and reserved IPv4', () => {
    for (const address of [
      '127.0.0.1',
      '127.1.2.3',
      '10.0.0.1',
      '172.16.5.4',
      '172.31.255.255',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '224.0.0.1',
      '255.255.255.255',
      '198.18.0.1',
    ])
      expect(isPublicAddress(address), address).toBe(false);
  });

  it('refuses the same places written as IPv6, and IPv6’s own private ranges', () => {
    for (const address of [
      '::1',
      '::',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
      '::ffff:a9fe:a9fe',
      '64:ff9b::a9fe:a9fe',
      '2002:0a00:0001::1',
      'fe80::1%eth0',
      'fd00::1',
      'fc00::abcd',
      'ff02::1',
      '2001:db8::1',
    ])
      expect(isPublicAddress(address), address).toBe(false);
  });

  it('accepts public addresses and refuses what is not an address', () => {
    for (const address of [
      '93.184.216.34',
      '8.8.8.8',
      '172.32.0.1',
      '2606:4700:4700::1111',
      '::ffff:8.8.8.8',
    ])
      expect(isPublicAddress(address), address).toBe(true);
    for (const address of ['localhost', '', '1.2.3', '999.1.1.1'])
      expect(isPublicAddress(address), address).toBe(false);
  });
});
