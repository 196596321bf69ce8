/** What an API key may do; the server checks them, and Settings → API keys offers the same list (browser-safe). */
export const API_SCOPES = [
  'contacts:read',
  'contacts:write',
  'events:write',
  'imports:write',
  'messages:send',
  'messages:read',
  'journeys:enrol',
  'conversations:read',
  'conversations:reply',
  'webhooks:manage',
  'suppressions:read',
  'suppressions:write',
  'templates:read',
  'templates:write',
  'campaigns:read',
  'campaigns:send',
  'segments:read',
  'segments:write',
] as const;
export type ApiScope = (typeof API_SCOPES)[number];
