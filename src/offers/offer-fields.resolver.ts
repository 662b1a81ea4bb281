import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { CatalogLoaders } from '../catalog/catalog.loaders';
import { Merchant } from '../catalog/merchant.entity';
import { Product } from '../catalog/product.entity';
import type { Context } from '../core/context';
import { Injectable } from '../core/container';
import { emptyConnection, toConnection } from '../core/relay/connection';
import { ConnectionArgs } from '../core/relay/connection-args';
import { OwnerOnly } from '../privacy/visible-to';
import { User } from '../users/user.entity';
import { OfferPermission } from './offer-permission.entity';
import { OfferPermissionService } from './offer-permission.service';
import { OfferConnection, OfferView } from './offer.types';
import { OffersReceivedService } from './offers-received.service';

/** An offer's shop and product, through the catalog's loaders. */
@Injectable()
@Resolver(() => OfferView)
export class OfferFieldsResolver {
  constructor(private readonly catalog: CatalogLoaders) {}

  @FieldResolver(() => Merchant, { description: 'The shop the offer comes from.' })
  async merchant(@Root() offer: OfferView, @Ctx() ctx: Context): Promise<Merchant> {
    return (await this.catalog.of(ctx).merchantById.load(offer.merchantId))!;
  }

  @FieldResolver(() => Product, {
    nullable: true,
    description: 'The product offered; null when none is named.',
  })
  product(@Root() offer: OfferView, @Ctx() ctx: Context): Promise<Product | null> | null {
    return offer.productId ? this.catalog.of(ctx).productById.load(offer.productId) : null;
  }
}

/** The shop a permission is for. */
@Injectable()
@Resolver(() => OfferPermission)
export class OfferPermissionFieldsResolver {
  constructor(private readonly catalog: CatalogLoaders) {}

  @FieldResolver(() => Merchant, {
    nullable: true,
    description: 'The shop offers are allowed from; null for a category.',
  })
  merchant(@Root() permission: OfferPermission, @Ctx() ctx: Context): Promise<Merchant | null> | null {
    return permission.merchantId ? this.catalog.of(ctx).merchantById.load(permission.merchantId) : null;
  }
}

/** A person's own offer permissions and the offers they received: their owner's alone. */
@Injectable()
@Resolver(() => User)
export class UserOffersResolver {
  constructor(
    private readonly permissions: OfferPermissionService,
    private readonly received: OffersReceivedService,
  ) {}

  @OwnerOnly()
  @FieldResolver(() => [OfferPermission], {
    description:
      'Whose offers this person allows, oldest first; only its owner reads them, empty for anyone else.',
  })
  offerPermissions(@Root() user: User): Promise<OfferPermission[]> {
    return this.permissions.listOf(user.id);
  }

  @OwnerOnly({ hidden: () => emptyConnection(OfferConnection) })
  @FieldResolver(() => OfferConnection, {
    description:
      'The offers this person received, newest first, each with why; they stay when a permission is withdrawn. Only its owner reads them, empty for anyone else.',
  })
  async offers(@Root() user: User, @Args() page: ConnectionArgs, @Ctx() ctx: Context): Promise<object> {
    return toConnection(OfferConnection, await this.received.list(ctx, user.id, page));
  }
}
