// Mirrors ROLES in @switchboard/db; the server validates, this only fills the select.
export const ROLE_OPTIONS = ['owner', 'admin', 'marketer', 'agent', 'analyst'] as const;
export type RoleOption = (typeof ROLE_OPTIONS)[number];
