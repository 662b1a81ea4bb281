import type { Context } from '../core/context';
import { Injectable } from '../core/container';
import { Database } from '../core/db/database';
import { UserErrorCode, UserFacingError } from '../core/errors/user-error';
import { toGlobalId } from '../core/relay/global-id';
import { PrivacySettingName } from '../privacy/privacy-settings';
import { PrivacyService } from '../privacy/privacy.service';
import { OfferPermission } from './offer-permission.entity';

export interface NewPermission {
  /** The shop; null when the input's ID named something else than a merchant, undefined when left out. */
  merchantId?: string | null;
  category?: string | null;
}

/**
 * A person's consent to offers, given and withdrawn at once: the row is the permission sendOffer reads, and each
 * change is in the consent log, in the same transaction. Changes of one person serialize on an advisory lock, so a
 * permission given twice at the same moment is stored once.
 */
@Injectable()
export class OfferPermissionService {
  constructor(
    private readonly db: Database,
    private readonly privacy: PrivacyService,
  ) {}

  /** Allows offers from a shop or for a category; the same permission again answers the one given before. */
  async grant(_ctx: Context, userId: string, input: NewPermission): Promise<OfferPermission> {
    const category = input.category?.trim() || null;
    const hasMerchant = input.merchantId !== undefined && input.merchantId !== '';
    if (hasMerchant === (category !== null)) {
      throw UserFacingError.of(
        input.category != null ? 'category' : 'merchantId',
        UserErrorCode.Invalid,
        'Allow offers either from one shop (merchantId) or for one category, not both and not neither.',
      );
    }
    if (category && category.length > 60) {
      throw UserFacingError.of(
        'category',
        UserErrorCode.TooLong,
        'The category can have at most 60 characters.',
      );
    }
    return this.db.transaction(async () => {
      await this.db.query(`SELECT pg_advisory_xact_lock(hashtextextended('offer-permissions:' || $1, 0))`, [
        userId,
      ]);
      const merchantId = hasMerchant ? await this.existingMerchant(input.merchantId ?? null) : null;
      const repo = this.db.repo(OfferPermission);
      const same = await repo
        .createQueryBuilder('p')
        .where('p.userId = :userId', { userId })
        .andWhere(
          merchantId ? 'p.merchantId = :merchantId' : 'lower(p.category) = lower(:category)',
          merchantId ? { merchantId } : { category },
        )
        .getOne();
      if (same) return same;
      const permission = await repo.save(repo.create({ userId, merchantId, category }));
      await this.logged(permission, true);
      return permission;
    });
  }

  /** Withdraws one of the person's permissions: the next sendOffer no longer reaches them through it. */
  async revoke(_ctx: Context, userId: string, permissionId: string | null): Promise<void> {
    await this.db.transaction(async () => {
      const permission = permissionId
        ? await this.db.repo(OfferPermission).findOneBy({ id: permissionId, userId })
        : null;
      if (!permission) {
        throw UserFacingError.of(
          'permissionId',
          UserErrorCode.NotFound,
          'You have no offer permission with this ID.',
        );
      }
      await this.db.repo(OfferPermission).delete({ id: permission.id });
      await this.logged(permission, false);
    });
  }

  /** The person's permissions, oldest first. */
  listOf(userId: string): Promise<OfferPermission[]> {
    return this.db.repo(OfferPermission).find({ where: { userId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  private async existingMerchant(merchantId: string | null): Promise<string> {
    const [merchant] = merchantId
      ? await this.db.query<{ id: string }>('SELECT id FROM merchants WHERE id = $1', [merchantId])
      : [];
    if (!merchant)
      throw UserFacingError.of('merchantId', UserErrorCode.NotFound, 'There is no shop with this ID.');
    return merchant.id;
  }

  private logged(permission: OfferPermission, granted: boolean): Promise<void> {
    return permission.merchantId
      ? this.privacy.recordConsent(
          permission.userId,
          PrivacySettingName.OFFERS_FROM_MERCHANT,
          granted,
          toGlobalId('Merchant', permission.merchantId),
        )
      : this.privacy.recordConsent(
          permission.userId,
          PrivacySettingName.OFFERS_FOR_CATEGORY,
          granted,
          permission.category!,
        );
  }
}
