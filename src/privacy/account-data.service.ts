import type { Context } from '../core/context';
import { Container, Injectable } from '../core/container';
import { Database } from '../core/db/database';
import { UserErrorCode, UserFacingError } from '../core/errors/user-error';
import { verifyPassword } from '../auth/password';
import { SessionVersionService } from '../auth/session-version.service';
import { Declarations } from '../core/declarations';
import type { ErasureOptions, Row } from '../core/personal-data';
import { peopleIn, shapeRows } from './personal-data';
import { UserService } from '../users/user.service';
import { PrivacyEvents } from './privacy.events';

export const EXPORT_FORMAT = 'dorfmarkt-export/1';

/**
 * A person's rights over their data: a copy of all of it, and erasure. Both read what to do from the personal data
 * every module declares (`personalData`), so every table some slice owns is covered, and both ask for the password.
 */
@Injectable()
export class AccountDataService {
  constructor(
    private readonly db: Database,
    private readonly events: PrivacyEvents,
    private readonly container: Container,
    private readonly declarations: Declarations,
    private readonly sessionVersions: SessionVersionService,
    private readonly users: UserService,
  ) {}

  /** Everything stored about the user as one JSON document, in one snapshot. */
  async exportData(_ctx: Context, userId: string, password: string): Promise<Record<string, unknown>> {
    await this.confirmPassword(userId, password);
    return this.db.transaction(async (tx) => {
      await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
      const sections = this.declarations.personalData();
      const results: Row[][] = [];
      for (const section of sections) results.push(await this.db.query<Row>(section.sql, [userId]));
      const people = [...new Set(sections.flatMap((s, i) => peopleIn(s, results[i])))];
      const handles = await this.db.query<{ id: string; handle: string }>(
        'SELECT id, handle FROM users WHERE id = ANY($1::uuid[])',
        [people],
      );
      const handleOf = new Map(handles.map((h) => [h.id, h.handle]));
      const document: Record<string, unknown> = {
        format: EXPORT_FORMAT,
        exportedAt: new Date().toISOString(),
      };
      sections.forEach((s, i) => (document[s.key] = shapeRows(s, results[i], handleOf)));
      return document;
    });
  }

  /**
   * Erases the account in one transaction: every section's erasure, then the users row, whose foreign keys take
   * trust edges, blocks, sign-ins, settings and notifications with it. Its access tokens stop at once: every
   * instance forgets the user's session version after commit. Orders stay for the merchant's books, without the buyer.
   */
  async deleteAccount(
    _ctx: Context,
    userId: string,
    password: string,
    options: ErasureOptions,
  ): Promise<void> {
    await this.confirmPassword(userId, password);
    await this.db.transaction(async () => {
      await this.users.lock(userId);
      for (const section of this.declarations.personalData()) {
        const erase =
          typeof section.erase === 'function'
            ? await section.erase({ db: this.db, container: this.container, userId, options })
            : section.erase;
        if (typeof erase === 'string') await this.db.query(erase, [userId]);
      }
      await this.users.remove(userId);
      await this.sessionVersions.endedAfterCommit(userId);
      await this.events.accountDeleted({ userId });
    });
  }

  private async confirmPassword(userId: string, password: string): Promise<void> {
    const [user] = await this.db.query<{ password_hash: string }>(
      'SELECT password_hash FROM users WHERE id = $1',
      [userId],
    );
    if (!(await verifyPassword(user?.password_hash ?? null, password))) {
      throw UserFacingError.of('password', UserErrorCode.InvalidCredentials, 'The password is wrong.');
    }
  }
}
