import { Arg, Args, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { Context } from '../core/context';
import { Injectable } from '../core/container';
import { InvalidInputError } from '../core/errors/domain-errors';
import { Money } from '../core/money';
import { ConnectionArgs } from '../core/relay/connection-args';
import { User } from '../users/user.entity';
import { GroupBuyPool } from './pool.entity';
import { PoolMembership } from './pool-membership.entity';
import { PoolMembershipService } from './pool-membership.service';
import { PoolParticipantConnection, PriceTier } from './pool.types';
import { nextTierAfter, type TierRow, unitPriceAt } from './pricing';

const MAX_TRUSTED = 50;

@Injectable()
@Resolver(() => GroupBuyPool)
export class PoolFieldsResolver {
  constructor(private readonly members: PoolMembershipService) {}

  @FieldResolver(() => [PriceTier], {
    description: 'The price steps, by ascending quantity and falling price.',
  })
  tiers(@Root() pool: GroupBuyPool): PriceTier[] {
    return pool.tiers.map((tier) => toPriceTier(tier, pool.currency));
  }

  @FieldResolver(() => Money, {
    description:
      'What a unit costs now: the lowest tier price reached, the list price below the tipping point.',
  })
  currentUnitPrice(@Root() pool: GroupBuyPool): Money {
    return Money.of(unitPriceAt(pool.listPriceMinor, pool.tiers, pool.committed), pool.currency);
  }

  @FieldResolver(() => Money, { description: 'The product’s list price when the pool was created.' })
  listUnitPrice(@Root() pool: GroupBuyPool): Money {
    return Money.of(pool.listPriceMinor, pool.currency);
  }

  @FieldResolver(() => Money, { description: 'What each unit saves now against the list price.' })
  unitSaving(@Root() pool: GroupBuyPool): Money {
    return Money.of(
      pool.listPriceMinor - unitPriceAt(pool.listPriceMinor, pool.tiers, pool.committed),
      pool.currency,
    );
  }

  @FieldResolver(() => Int, { description: 'The saving against the list price now, in whole percent.' })
  savingPercent(@Root() pool: GroupBuyPool): number {
    const price = unitPriceAt(pool.listPriceMinor, pool.tiers, pool.committed);
    return Math.floor(((pool.listPriceMinor - price) * 100) / pool.listPriceMinor);
  }

  @FieldResolver(() => PriceTier, {
    nullable: true,
    description: 'The next tier to reach; null at the last one.',
  })
  nextTier(@Root() pool: GroupBuyPool): PriceTier | null {
    const next = nextTierAfter(pool.tiers, pool.committed);
    return next ? toPriceTier(next, pool.currency) : null;
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description: 'Units still needed to reach the next tier; null at the last one.',
  })
  unitsToNextTier(@Root() pool: GroupBuyPool): number | null {
    const next = nextTierAfter(pool.tiers, pool.committed);
    return next ? next.minQuantity - pool.committed : null;
  }

  @FieldResolver(() => Int, { description: 'Units still free: capacity minus committed quantity.' })
  remainingQuantity(@Root() pool: GroupBuyPool): number {
    return pool.capacity - pool.committed;
  }

  @FieldResolver(() => Money, {
    nullable: true,
    description: 'The unit price every member pays, once the pool has succeeded; null before.',
  })
  finalUnitPrice(@Root() pool: GroupBuyPool): Money | null {
    return pool.finalUnitPriceMinor === null ? null : Money.of(pool.finalUnitPriceMinor, pool.currency);
  }

  @FieldResolver(() => PoolMembership, {
    nullable: true,
    description: 'Your membership of this pool; null when you have not joined (or are not signed in).',
  })
  viewerMembership(@Root() pool: GroupBuyPool, @Ctx() ctx: Context): Promise<PoolMembership | null> {
    return this.members.viewerMembership(ctx, pool);
  }

  @FieldResolver(() => PoolParticipantConnection, {
    description:
      'The members in the order they joined, each listed only if their pool-participation audience includes you (a page may hold fewer than asked); totalCount counts everyone.',
  })
  participants(
    @Root() pool: GroupBuyPool,
    @Args() args: ConnectionArgs,
    @Ctx() ctx: Context,
  ): Promise<object> {
    return this.members.participants(ctx, pool, args);
  }

  @FieldResolver(() => [User], {
    description:
      'Members you trust (within three hops), most trusted first, as far as their pool-participation audience includes you.',
  })
  trustedParticipants(
    @Root() pool: GroupBuyPool,
    @Arg('first', () => Int, {
      nullable: true,
      defaultValue: 10,
      description: `At most this many, up to ${MAX_TRUSTED}.`,
    })
    first: number | null,
    @Ctx() ctx: Context,
  ): Promise<User[]> {
    const limit = first ?? 10;
    if (limit < 0 || limit > MAX_TRUSTED)
      throw new InvalidInputError(`\`first\` must be between 0 and ${MAX_TRUSTED}.`);
    return this.members.trustedParticipants(ctx, pool, limit);
  }
}

function toPriceTier(tier: TierRow, currency: string): PriceTier {
  return Object.assign(new PriceTier(), {
    minQuantity: tier.minQuantity,
    unitPrice: Money.of(tier.unitPriceMinor, currency),
  });
}
