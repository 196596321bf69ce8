/** The roles a workspace member can hold, from most to least powerful. */
export const ROLES = ['owner', 'admin', 'marketer', 'agent', 'analyst'] as const;
export type Role = (typeof ROLES)[number];
