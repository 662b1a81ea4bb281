import { Arg, Authorized, Ctx, ID, Mutation, Resolver, Root, Subscription } from 'type-graphql';
import { GraphQLError } from 'graphql';
import { type Context, resetLoaders } from '../core/context';
import { requireViewer } from '../core/auth/auth-checker';
import { Injectable } from '../core/container';
import { toPayload } from '../core/errors/payload';
import { localId } from '../core/relay/global-id';
import { startingWith } from '../bidding/price-request.events';
import { Order } from './order.entity';
import { OrderAccessPolicy } from './order-access.policy';
import type { OrderChanged } from './order.events';
import { OrderEvents } from './order.events';
import { OrderMove } from './order-lifecycle';
import {
  CancelOrderInput,
  CancelOrderPayload,
  CompleteOrderInput,
  CompleteOrderPayload,
  ConfirmOrderInput,
  ConfirmOrderPayload,
  MarkOrderReadyInput,
  MarkOrderReadyPayload,
  SetOrderFulfilmentInput,
  SetOrderFulfilmentPayload,
} from './order-lifecycle.inputs';
import { OrderLifecycleService } from './order-lifecycle.service';
import { OrderLoaders } from './order.loaders';

type MovePayload = ConfirmOrderPayload | MarkOrderReadyPayload | CompleteOrderPayload | CancelOrderPayload;

@Injectable()
@Resolver(() => Order)
export class OrderLifecycleResolver {
  constructor(
    private readonly lifecycle: OrderLifecycleService,
    private readonly loaders: OrderLoaders,
  ) {}

  @Authorized()
  @Mutation(() => ConfirmOrderPayload, {
    description:
      'The shop’s staff confirm a PLACED order. INVALID_TRANSITION from any other status; FORBIDDEN for anyone but staff.',
  })
  confirmOrder(
    @Arg('input', { description: 'The order to confirm.' }) input: ConfirmOrderInput,
    @Ctx() ctx: Context,
  ): Promise<ConfirmOrderPayload> {
    return this.move(ctx, ConfirmOrderPayload, input.orderId, OrderMove.CONFIRM);
  }

  @Authorized()
  @Mutation(() => MarkOrderReadyPayload, {
    description:
      'The shop’s staff mark a CONFIRMED order READY: ready for pickup, or handed to the carrier. It completes by itself 14 days later.',
  })
  markOrderReady(
    @Arg('input', { description: 'The order and an optional note for the buyer.' })
    input: MarkOrderReadyInput,
    @Ctx() ctx: Context,
  ): Promise<MarkOrderReadyPayload> {
    return this.move(ctx, MarkOrderReadyPayload, input.orderId, OrderMove.READY, input.note ?? null);
  }

  @Authorized()
  @Mutation(() => CompleteOrderPayload, {
    description:
      'Completes a READY order: the buyer confirms receipt, or the shop’s staff mark it handed over. Ratings open then.',
  })
  completeOrder(
    @Arg('input', { description: 'The order handed over.' }) input: CompleteOrderInput,
    @Ctx() ctx: Context,
  ): Promise<CompleteOrderPayload> {
    return this.move(ctx, CompleteOrderPayload, input.orderId, OrderMove.COMPLETE);
  }

  @Authorized()
  @Mutation(() => CancelOrderPayload, {
    description:
      'Cancels an order, with a reason: the buyer while it is PLACED, the shop’s staff before it is COMPLETED. Its units go back to the stock.',
  })
  cancelOrder(
    @Arg('input', { description: 'The order and why it is cancelled.' }) input: CancelOrderInput,
    @Ctx() ctx: Context,
  ): Promise<CancelOrderPayload> {
    return this.move(ctx, CancelOrderPayload, input.orderId, OrderMove.CANCEL, input.reason);
  }

  @Authorized()
  @Mutation(() => SetOrderFulfilmentPayload, {
    description:
      'The buyer chooses pickup or delivery (with an address) while the order is PLACED or CONFIRMED. Only the buyer and the shop’s staff see the address.',
  })
  setOrderFulfilment(
    @Arg('input', { description: 'The order, the method and, for a delivery, the address.' })
    input: SetOrderFulfilmentInput,
    @Ctx() ctx: Context,
  ): Promise<SetOrderFulfilmentPayload> {
    return toPayload(
      SetOrderFulfilmentPayload,
      () =>
        this.lifecycle.setFulfilment(requireViewer(ctx), localId(input.orderId, 'Order'), {
          method: input.method,
          address: input.address ?? null,
        }),
      (order) => ({ order }),
    );
  }

  @Subscription(() => Order, {
    description:
      'The order as it is now, then after every change (status, fulfilment), from whichever instance made it. For the buyer and the shop’s staff only (FORBIDDEN for anyone else).',
    subscribe: async ({ args, context }) => {
      const ctx = context as Context;
      requireViewer(ctx);
      const id = localId(args.orderId, 'Order');
      const order = id ? await ctx.container.get(OrderLoaders).of(ctx).byId.load(id) : null;
      if (!order)
        throw new GraphQLError('There is no order with this ID.', { extensions: { code: 'NOT_FOUND' } });
      if (!(await ctx.container.get(OrderAccessPolicy).isParty(ctx, order)))
        throw new GraphQLError('Only the buyer and the shop’s staff follow an order.', {
          extensions: { code: 'FORBIDDEN' },
        });
      const first: OrderChanged = { id: order.id };
      return startingWith(first, ctx.container.get(OrderEvents).subscribe(order.id));
    },
  })
  async orderUpdated(
    @Root() change: OrderChanged,
    @Arg('orderId', () => ID, { description: 'The order to follow.' }) _orderId: string,
    @Ctx() ctx: Context,
  ): Promise<Order> {
    resetLoaders(ctx);
    const order = await this.loaders.of(ctx).byId.load(change.id);
    if (!order) throw new GraphQLError('The order no longer exists.', { extensions: { code: 'NOT_FOUND' } });
    return order;
  }

  private move<P extends MovePayload>(
    ctx: Context,
    PayloadClass: new () => P,
    orderId: string,
    move: OrderMove,
    note: string | null = null,
  ): Promise<P> {
    return toPayload(
      PayloadClass,
      () => this.lifecycle.move(requireViewer(ctx), localId(orderId, 'Order'), move, note),
      (order) => ({ order }) as Partial<P>,
    );
  }
}
