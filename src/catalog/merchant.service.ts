import { z } from 'zod';
import type { Context } from '../core/context';
import { Injectable } from '../core/container';
import { Database } from '../core/db/database';
import { ForbiddenError } from '../core/errors/domain-errors';
import { UserErrorCode, UserFacingError } from '../core/errors/user-error';
import { rules, validate } from '../core/validation';
import type { ConnectionResult, PageArgs } from '../core/relay/connection';
import { paginate } from '../core/relay/keyset';
import { User } from '../users/user.entity';
import { Merchant } from './merchant.entity';
import { MerchantRole, MerchantStaff } from './merchant-staff.entity';

const merchantRules = z.object({
  name: rules.text('The name', 1, 80),
  description: z.string().trim().max(2000, 'The description can have at most 2000 characters.'),
  region: rules.text('The region', 1, 80),
});

export interface NewMerchant {
  name: string;
  description: string;
  region: string;
}

/** Merchants and who may act for them. Every write checks the actor's role inside its transaction. */
@Injectable()
export class MerchantService {
  constructor(private readonly db: Database) {}

  async create(_ctx: Context, ownerId: string, input: NewMerchant): Promise<Merchant> {
    const valid = validate(merchantRules, input);
    return this.db.transaction(async (tx) => {
      const merchant = await tx.getRepository(Merchant).save(tx.getRepository(Merchant).create(valid));
      await tx.getRepository(MerchantStaff).insert({
        merchantId: merchant.id,
        userId: ownerId,
        role: MerchantRole.OWNER,
      });
      return merchant;
    });
  }

  /** Changes the shop's name, description or region (staff); only what is given changes. */
  async update(
    _ctx: Context,
    actorId: string,
    merchantId: string | null,
    input: { [K in keyof NewMerchant]?: string | null },
  ): Promise<Merchant> {
    const given = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined && v !== null));
    const valid = validate(merchantRules.partial(), given);
    return this.db.transaction(async () => {
      const merchant = await this.requireRole(actorId, merchantId, 'merchantId');
      const repo = this.db.repo(Merchant);
      if (Object.keys(valid).length) await repo.update({ id: merchant.id }, valid);
      return (await repo.findOneBy({ id: merchant.id }))!;
    });
  }

  /** Shops by words of their name and by region, ordered by name. */
  search(
    _ctx: Context,
    filter: { query?: string | null; region?: string | null },
    page: PageArgs,
  ): Promise<ConnectionResult<Merchant>> {
    const query = this.db.repo(Merchant).createQueryBuilder('merchant');
    const words = (filter.query ?? '').trim().split(/\s+/).filter(Boolean);
    words.forEach((word, i) =>
      query.andWhere(`merchant.name ILIKE :w${i}`, {
        [`w${i}`]: `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
      }),
    );
    if (filter.region?.trim())
      query.andWhere('lower(merchant.region) = lower(:region)', { region: filter.region.trim() });
    return paginate(query, page, {
      columns: ['merchant.name', 'merchant.id'],
      key: (m) => [m.name, m.id],
      direction: 'ASC',
    });
  }

  /** Adds a user as staff (the owner only); adding someone who is staff already changes nothing. */
  async addStaff(
    _ctx: Context,
    actorId: string,
    merchantId: string | null,
    userId: string | null,
  ): Promise<Merchant> {
    return this.db.transaction(async (tx) => {
      const merchant = await this.requireRole(actorId, merchantId, 'merchantId', MerchantRole.OWNER);
      if (!userId || !(await tx.getRepository(User).existsBy({ id: userId })))
        throw UserFacingError.of('userId', UserErrorCode.NotFound, 'There is no such user.');
      await tx
        .createQueryBuilder()
        .insert()
        .into(MerchantStaff)
        .values({ merchantId: merchant.id, userId, role: MerchantRole.STAFF })
        .orIgnore()
        .execute();
      return merchant;
    });
  }

  /** Removes a staff member (the owner only); an owner cannot be removed. */
  async removeStaff(
    _ctx: Context,
    actorId: string,
    merchantId: string | null,
    userId: string | null,
  ): Promise<Merchant> {
    return this.db.transaction(async (tx) => {
      const merchant = await this.requireRole(actorId, merchantId, 'merchantId', MerchantRole.OWNER);
      const staff = userId
        ? await tx.getRepository(MerchantStaff).findOneBy({ merchantId: merchant.id, userId })
        : null;
      if (!staff)
        throw UserFacingError.of('userId', UserErrorCode.NotFound, 'This person is not staff here.');
      if (staff.role === MerchantRole.OWNER)
        throw UserFacingError.of('userId', UserErrorCode.Invalid, 'The owner cannot be removed.');
      await tx.getRepository(MerchantStaff).delete({ merchantId: merchant.id, userId: staff.userId });
      return merchant;
    });
  }

  /**
   * The merchant, when `userId` may act for it with at least `role`: an unknown merchant is a userError NOT_FOUND
   * on `field`, anyone else is FORBIDDEN. Call inside the transaction of the change it guards.
   */
  async requireRole(
    userId: string,
    merchantId: string | null,
    field: string,
    role: MerchantRole = MerchantRole.STAFF,
  ): Promise<Merchant> {
    const merchant = merchantId ? await this.db.repo(Merchant).findOneBy({ id: merchantId }) : null;
    if (!merchant) throw UserFacingError.of(field, UserErrorCode.NotFound, 'There is no such merchant.');
    const actual = await this.roleOf(userId, merchant.id);
    if (!actual || (role === MerchantRole.OWNER && actual !== MerchantRole.OWNER)) throw new ForbiddenError();
    return merchant;
  }

  /** The shops a person is staff of, in the order they joined them. */
  staffedBy(userId: string): Promise<Merchant[]> {
    return this.db
      .repo(Merchant)
      .createQueryBuilder('m')
      .innerJoin(MerchantStaff, 's', 's.merchant_id = m.id AND s.user_id = :userId', { userId })
      .orderBy('s.created_at', 'ASC')
      .addOrderBy('m.id', 'ASC')
      .getMany();
  }

  /** Everyone who may act for the merchant, owner first: whom a shop's notifications go to. */
  async staffIds(merchantId: string): Promise<string[]> {
    const rows = await this.db.query<{ user_id: string }>(
      'SELECT user_id FROM merchant_staff WHERE merchant_id = $1 ORDER BY created_at, user_id',
      [merchantId],
    );
    return rows.map((r) => r.user_id);
  }

  async roleOf(userId: string, merchantId: string): Promise<MerchantRole | null> {
    const staff = await this.db.repo(MerchantStaff).findOneBy({ merchantId, userId });
    return (staff?.role as MerchantRole | undefined) ?? null;
  }
}
