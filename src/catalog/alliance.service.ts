import { z } from 'zod';
import type { Context } from '../core/context';
import { Injectable } from '../core/container';
import { Database } from '../core/db/database';
import { UserErrorCode, UserFacingError } from '../core/errors/user-error';
import type { ConnectionResult, PageArgs } from '../core/relay/connection';
import { paginate } from '../core/relay/keyset';
import { rules, validate } from '../core/validation';
import { Alliance } from './alliance.entity';
import { CatalogErrorCode } from './catalog-errors';
import { Merchant } from './merchant.entity';
import { MerchantRole } from './merchant-staff.entity';
import { MerchantService } from './merchant.service';

const allianceRules = z.object({
  name: rules.text('The name', 1, 80),
  description: z.string().trim().max(2000, 'The description can have at most 2000 characters.'),
});

/**
 * Alliances of local merchants. A merchant belongs to at most one: founding or joining another leaves the one
 * before. Only merchants of the alliance's region may join; each merchant's owner decides for it.
 */
@Injectable()
export class AllianceService {
  constructor(
    private readonly db: Database,
    private readonly merchants: MerchantService,
  ) {}

  async found(
    _ctx: Context,
    actorId: string,
    merchantId: string | null,
    input: { name: string; description: string },
  ): Promise<Alliance> {
    const valid = validate(allianceRules, input);
    return this.db.transaction(async (tx) => {
      const merchant = await this.merchants.requireRole(
        actorId,
        merchantId,
        'merchantId',
        MerchantRole.OWNER,
      );
      if (!merchant.region)
        throw UserFacingError.of('merchantId', UserErrorCode.Invalid, 'The merchant needs a region first.');
      const alliance = await tx
        .getRepository(Alliance)
        .save(tx.getRepository(Alliance).create({ ...valid, region: merchant.region }));
      await tx.getRepository(Merchant).update({ id: merchant.id }, { allianceId: alliance.id });
      return alliance;
    });
  }

  async join(
    _ctx: Context,
    actorId: string,
    allianceId: string | null,
    merchantId: string | null,
  ): Promise<Merchant> {
    return this.db.transaction(async (tx) => {
      const alliance = allianceId ? await tx.getRepository(Alliance).findOneBy({ id: allianceId }) : null;
      if (!alliance)
        throw UserFacingError.of('allianceId', UserErrorCode.NotFound, 'There is no such alliance.');
      const merchant = await this.merchants.requireRole(
        actorId,
        merchantId,
        'merchantId',
        MerchantRole.OWNER,
      );
      if (merchant.region?.trim().toLowerCase() !== alliance.region.trim().toLowerCase()) {
        throw UserFacingError.of(
          'merchantId',
          CatalogErrorCode.RegionMismatch,
          `Only merchants of ${alliance.region} may join this alliance.`,
        );
      }
      merchant.allianceId = alliance.id;
      return tx.getRepository(Merchant).save(merchant);
    });
  }

  async leave(_ctx: Context, actorId: string, merchantId: string | null): Promise<Merchant> {
    return this.db.transaction(async (tx) => {
      const merchant = await this.merchants.requireRole(
        actorId,
        merchantId,
        'merchantId',
        MerchantRole.OWNER,
      );
      merchant.allianceId = null;
      return tx.getRepository(Merchant).save(merchant);
    });
  }

  /** The members, oldest shop first. */
  members(_ctx: Context, allianceId: string, page: PageArgs): Promise<ConnectionResult<Merchant>> {
    const query = this.db
      .repo(Merchant)
      .createQueryBuilder('merchant')
      .where('merchant.allianceId = :allianceId', { allianceId });
    return paginate(query, page, {
      columns: ['merchant.createdAt', 'merchant.id'],
      key: (m) => [m.createdAt, m.id],
      direction: 'ASC',
    });
  }
}
