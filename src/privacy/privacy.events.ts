import type { PrivacySettingName } from './privacy-settings';

/**
 * Published after commit when someone changes privacy settings, so that other slices can react. Carries only ids
 * and setting names. (Live friend recommendations hear of discoverability and trust-list audiences as trust
 * changes instead, the event they follow: see trust-announcements.ts.)
 */
export const PRIVACY_SETTINGS_CHANGED = 'privacy:settings-changed';

export interface PrivacySettingsChanged {
  userId: string;
  settings: PrivacySettingName[];
}

/** Published after commit when an account was erased; other instances drop what they hold about it. */
export const ACCOUNT_DELETED = 'privacy:account-deleted';

export interface AccountDeleted {
  userId: string;
}
