import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../core/context';
import { Injectable } from '../core/container';
import { requireViewer } from '../core/auth/auth-checker';
import { toPayload } from '../core/errors/payload';
import { localId } from '../core/relay/global-id';
import { Order } from './order.entity';
import { PlaceOrderInput, PlaceOrderPayload } from './order.inputs';
import { OrderService } from './order.service';

@Injectable()
@Resolver(() => Order)
export class OrderResolver {
  constructor(private readonly orders: OrderService) {}

  @Authorized()
  @Mutation(() => PlaceOrderPayload, {
    description:
      'Buys a product directly at its list price. Refused with OUT_OF_STOCK when fewer units are left than asked; a retry with the same idempotency key answers with the first order.',
  })
  placeOrder(
    @Arg('input', { description: 'What to buy.' }) input: PlaceOrderInput,
    @Ctx() ctx: Context,
  ): Promise<PlaceOrderPayload> {
    return toPayload(
      PlaceOrderPayload,
      () =>
        this.orders.place(ctx, requireViewer(ctx), {
          productId: localId(input.productId, 'Product'),
          quantity: input.quantity,
          idempotencyKey: input.idempotencyKey,
        }),
      (order) => ({ order }),
    );
  }
}
