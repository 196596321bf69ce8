import type { Role } from '@switchboard/db';

/**
 * What each role may do. Procedures name the permission they need; this table is the one place that maps roles
 * to permissions, so a role change is a one-line edit here and the router-walking test follows it.
 */
export const PERMISSIONS = {
  'workspace.read': ['owner', 'admin', 'marketer', 'agent', 'analyst'],
  'members.manage': ['owner', 'admin'],
  'apiKeys.manage': ['owner', 'admin'],
  // Webhooks send contacts' data to another system: the same trust as handing out an API key.
  'webhooks.manage': ['owner', 'admin'],
  'audit.read': ['owner', 'admin'],
  'contacts.read': ['owner', 'admin', 'marketer', 'agent', 'analyst'],
  // Agents correct contact details while they talk to people; analysts only read.
  'contacts.write': ['owner', 'admin', 'marketer', 'agent'],
  'contacts.erase': ['owner', 'admin'],
  // Everyone with contacts.write removes their own notes; these roles also remove other people's.
  'notes.deleteAny': ['owner', 'admin'],
  // Bulk changes to the audience are a marketing decision, not a support one.
  'contacts.import': ['owner', 'admin', 'marketer'],
  // A bulk action by filter reaches every matching contact: the same decision as an import.
  'contacts.bulkEdit': ['owner', 'admin', 'marketer'],
  // Custom fields, topics, scoring and assignment rules: how the audience is modelled and handed to sales.
  'audience.configure': ['owner', 'admin', 'marketer'],
  'segments.read': ['owner', 'admin', 'marketer', 'agent', 'analyst'],
  'segments.write': ['owner', 'admin', 'marketer'],
  // Agents answer people one to one (transactional); only marketing roles send marketing messages by hand.
  'messages.send': ['owner', 'admin', 'marketer', 'agent'],
  'messages.sendMarketing': ['owner', 'admin', 'marketer'],
  // Sending domains, DKIM keys, caps and quiet hours decide deliverability for the whole workspace.
  'channels.configure': ['owner', 'admin'],
  // Templates and campaigns: marketers build and send; everyone may read the reports.
  'campaigns.read': ['owner', 'admin', 'marketer', 'agent', 'analyst'],
  'templates.write': ['owner', 'admin', 'marketer'],
  'campaigns.send': ['owner', 'admin', 'marketer'],
  // Journeys message people automatically for as long as they run: the same decision as sending a campaign.
  'journeys.manage': ['owner', 'admin', 'marketer'],
  // Reports and attribution answer marketing's questions; analysts read them, marketing decides what converts.
  'reports.read': ['owner', 'admin', 'marketer', 'analyst'],
  'reports.configure': ['owner', 'admin', 'marketer'],
  // The shared inbox: people's one-to-one conversations. Analysts see its reports, not the conversations.
  'inbox.read': ['owner', 'admin', 'marketer', 'agent'],
  'inbox.reply': ['owner', 'admin', 'marketer', 'agent'],
  // Assignment rules, capacities and canned responses shape how the whole team works.
  'inbox.configure': ['owner', 'admin'],
  // How the team is doing (response times, service levels, satisfaction): for the team and whoever analyses it.
  'inbox.reports': ['owner', 'admin', 'marketer', 'agent', 'analyst'],
  'sandbox.use': ['owner', 'admin', 'marketer', 'agent', 'analyst'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

/** Who may grant a role: nobody but an owner makes another owner. */
export function canGrantRole(actor: Role, role: Role): boolean {
  if (!can(actor, 'members.manage')) return false;
  return role !== 'owner' || actor === 'owner';
}
