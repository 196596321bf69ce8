import type { MessageKey } from '../../i18n/en.ts';
import { may } from '../auth/permissions.ts';

export interface SettingsTab {
  href: string;
  label: MessageKey;
  visible: () => boolean;
}

/** The settings tabs in order, each shown to the roles whose permissions its page needs. */
export const SETTINGS_TABS: SettingsTab[] = [
  { href: '/settings/members', label: 'settings.members', visible: () => may('members.manage') },
  { href: '/settings/api-keys', label: 'settings.apiKeys', visible: () => may('apiKeys.manage') },
  { href: '/settings/webhooks', label: 'settings.webhooks', visible: () => may('webhooks.manage') },
  { href: '/settings/audit', label: 'settings.audit', visible: () => may('audit.read') },
  { href: '/settings/inbox', label: 'settings.inbox', visible: () => may('inbox.configure') },
  // People who send campaigns see the sending policy read-only: it explains why their messages wait or are held back.
  {
    href: '/settings/sending',
    label: 'settings.sending',
    visible: () => may('channels.configure') || may('campaigns.send'),
  },
  { href: '/settings/fields', label: 'settings.fields', visible: () => may('audience.configure') },
  { href: '/settings/topics', label: 'settings.topics', visible: () => may('audience.configure') },
  { href: '/settings/scoring', label: 'settings.scoring', visible: () => may('audience.configure') },
];

export const visibleSettingsTabs = () => SETTINGS_TABS.filter((tab) => tab.visible());
