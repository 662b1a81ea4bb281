import { UserFacingError } from '../core/errors/user-error';
import type { PersonalDataSection } from '../core/personal-data';

/** The userError code of an erasure refused because a shop would be left with nobody to run it. */
export const SOLE_OWNER = 'SOLE_OWNER';

/**
 * Who acts for which shop. Staff rows go with the account. A shop outlives its owner's account, since its
 * products, orders and books are the business of others: the longest-serving other staff member takes it over,
 * and where there is nobody else, erasure is refused until the owner adds someone (addMerchantStaff).
 */
export const catalogPersonalData: PersonalDataSection[] = [
  {
    key: 'merchantRoles',
    sql: `SELECT merchant_id, role, created_at FROM merchant_staff WHERE user_id = $1 ORDER BY created_at`,
    globalIds: { merchant_id: 'Merchant' },
    erase: async ({ db, userId }) => {
      const owned = await db.query<{ merchantId: string; name: string; successor: string | null }>(
        `SELECT m.id AS "merchantId", m.name,
              (SELECT other.user_id FROM merchant_staff other
                WHERE other.merchant_id = m.id AND other.user_id <> $1
                ORDER BY other.role = 'OWNER' DESC, other.created_at, other.user_id LIMIT 1) AS successor
         FROM merchant_staff s JOIN merchants m ON m.id = s.merchant_id
        WHERE s.user_id = $1 AND s.role = 'OWNER'
        ORDER BY m.id FOR UPDATE OF m`,
        [userId],
      );
      const alone = owned.filter((o) => o.successor === null).map((o) => o.name);
      if (alone.length) {
        throw UserFacingError.of(
          null,
          SOLE_OWNER,
          `Nobody else runs ${alone.join(', ')}: add a staff member to take over, then delete your account.`,
        );
      }
      for (const { merchantId, successor } of owned) {
        await db.query(`UPDATE merchant_staff SET role = 'OWNER' WHERE merchant_id = $1 AND user_id = $2`, [
          merchantId,
          successor,
        ]);
      }
    },
  },
];
