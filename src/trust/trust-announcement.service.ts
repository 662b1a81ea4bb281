import { Injectable } from '../core/container';
import { Database } from '../core/db/database';
import { PrivacySettingName } from '../privacy/privacy-settings';
import { TrustEvents, type TrustPair } from './trust.events';

/** Pairs per event: a NOTIFY payload holds at most 8,000 bytes, and a pair of ids takes about 100 in JSON. */
const PAIRS_PER_EVENT = 64;

/**
 * Tells trust's listeners (live friend recommendations) when trust edges count differently for others,
 * though no edge was given or taken: as a trust change of the edges concerned, after commit, so that each
 * subscriber the change can reach recomputes its list. Not being discoverable takes a person out of the
 * recommendations of everyone two hops away: the edges into them. The trust-list audience decides whether they are
 * named as the intermediary (`via`) to the people who trust them: the edges out of them. An erased account takes
 * its edges both ways with it.
 */
@Injectable()
export class TrustAnnouncementService {
  constructor(
    private readonly db: Database,
    private readonly events: TrustEvents,
  ) {}

  /** In the transaction that changed `settings` of `userId` (a listener of PrivacyEvents, see the trust module). */
  async settingsChanged(userId: string, settings: readonly PrivacySettingName[]): Promise<void> {
    const into = settings.includes(PrivacySettingName.DISCOVERABLE);
    const out = settings.includes(PrivacySettingName.TRUST_LIST_AUDIENCE);
    if (into || out) await this.announce(userId, into, out);
  }

  /** In the erasure's transaction, before the account's rows (and its trust edges with them) go. */
  accountErased(userId: string): Promise<void> {
    return this.announce(userId, true, true);
  }

  private async announce(userId: string, into: boolean, out: boolean): Promise<void> {
    const pairs = await this.db.query<TrustPair>(
      `SELECT truster_id AS truster, trustee_id AS trustee FROM trust_edges
        WHERE ($2::boolean AND trustee_id = $1) OR ($3::boolean AND truster_id = $1)`,
      [userId, into, out],
    );
    for (let i = 0; i < pairs.length; i += PAIRS_PER_EVENT) {
      await this.events.changed(...pairs.slice(i, i + PAIRS_PER_EVENT));
    }
  }
}
