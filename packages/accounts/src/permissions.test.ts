import { describe, expect, it } from 'vitest';
import { can, canGrantRole } from './permissions.ts';

describe('role permissions', () => {
  it('lets admins manage members but not agents or analysts', () => {
    expect(can('admin', 'members.manage')).toBe(true);
    expect(can('agent', 'members.manage')).toBe(false);
    expect(can('analyst', 'apiKeys.manage')).toBe(false);
  });
  it('only lets owners make owners', () => {
    expect(canGrantRole('owner', 'owner')).toBe(true);
    expect(canGrantRole('admin', 'owner')).toBe(false);
    expect(canGrantRole('admin', 'marketer')).toBe(true);
    expect(canGrantRole('marketer', 'agent')).toBe(false);
  });
});
