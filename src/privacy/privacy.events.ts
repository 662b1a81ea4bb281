import { Injectable } from '../core/container';
import { Database } from '../core/db/database';
import { EventBus } from '../core/pubsub/event-bus';
import type { PrivacySettingName } from './privacy-settings';

/** Published after commit when someone changes privacy settings. Carries only ids and setting names. */
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

type Listener<E> = (event: E) => Promise<void>;

/**
 * What privacy tells other slices. A change of settings reaches two kinds of listener: those on this instance that
 * must act in the same transaction (`onSettingsChanged`: trust announces the edges whose meaning changed, so that
 * they commit or roll back with the change), and every instance after commit, on the event bus. Privacy knows
 * nothing of its listeners.
 */
@Injectable()
export class PrivacyEvents {
  private readonly settingsListeners = new Set<Listener<PrivacySettingsChanged>>();

  constructor(
    private readonly db: Database,
    private readonly bus: EventBus,
  ) {}

  /** Runs `listener` inside the transaction of every settings change made on this instance. */
  onSettingsChanged(listener: Listener<PrivacySettingsChanged>): void {
    this.settingsListeners.add(listener);
  }

  /** Call in the transaction that changed the settings. */
  async settingsChanged(event: PrivacySettingsChanged): Promise<void> {
    for (const listener of this.settingsListeners) await listener(event);
    await this.db.afterCommit(() => this.bus.publish(PRIVACY_SETTINGS_CHANGED, event));
  }

  /** Call in the transaction that erases the account; published once it commits. */
  accountDeleted(event: AccountDeleted): Promise<void> {
    return this.db.afterCommit(() => this.bus.publish(ACCOUNT_DELETED, event));
  }
}
