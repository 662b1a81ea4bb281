import type { Context } from '../core/context';
import { Injectable } from '../core/container';
import { CatalogLoaders } from '../catalog/catalog.loaders';
import { AudiencePolicy } from '../privacy/audience.policy';
import { UserLoaders } from '../users/user.loaders';
import type { Order } from './order.entity';

/**
 * Who sees what of an order, in one place: its parties (the buyer and the selling shop's staff) see all of it,
 * buyer, address and history included; anyone else sees the order only as the buyer's order-history audience
 * allows, and never its buyer, address, history or ratings. The audience never hides an order from its shop.
 */
@Injectable()
export class OrderAccessPolicy {
  constructor(
    private readonly catalog: CatalogLoaders,
    private readonly users: UserLoaders,
    private readonly audience: AudiencePolicy,
  ) {}

  /** Whether the viewer is the buyer or staff of the selling shop (batched per operation). */
  async isParty(ctx: Context, order: Pick<Order, 'buyerId' | 'merchantId'>): Promise<boolean> {
    if (!ctx.viewer) return false;
    if (order.buyerId === ctx.viewer.id) return true;
    return (await this.catalog.of(ctx).viewerRole.load(order.merchantId)) !== null;
  }

  /** Whether the viewer is staff of the selling shop. */
  async isStaff(ctx: Context, order: Pick<Order, 'merchantId'>): Promise<boolean> {
    return ctx.viewer !== null && (await this.catalog.of(ctx).viewerRole.load(order.merchantId)) !== null;
  }

  /** Whether the viewer may see the order at all. */
  async canSee(ctx: Context, order: Order): Promise<boolean> {
    if (await this.isParty(ctx, order)) return true;
    if (!order.buyerId) return false;
    const buyer = await this.users.of(ctx).byId.load(order.buyerId);
    return buyer !== null && (await this.audience.canSee(ctx, buyer, 'orderHistory'));
  }
}
