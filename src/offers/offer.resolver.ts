import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../core/context';
import { requireViewer } from '../core/auth/auth-checker';
import { Injectable } from '../core/container';
import { toPayload } from '../core/errors/payload';
import { localId } from '../core/relay/global-id';
import {
  GrantOfferPermissionInput,
  GrantOfferPermissionPayload,
  RevokeOfferPermissionInput,
  RevokeOfferPermissionPayload,
  SendOfferInput,
  SendOfferPayload,
} from './offer.inputs';
import { OfferPermissionService } from './offer-permission.service';
import { OfferService } from './offer.service';

/** Offers only to those who asked: permissions given and withdrawn, offers sent. */
@Injectable()
@Resolver()
export class OfferResolver {
  constructor(
    private readonly permissions: OfferPermissionService,
    private readonly offers: OfferService,
  ) {}

  @Authorized()
  @Mutation(() => GrantOfferPermissionPayload, {
    description:
      'Allows offers from a shop or for a category, at once and in the consent log; the same permission again changes nothing.',
  })
  grantOfferPermission(
    @Arg('input', { description: 'A shop or a category.' }) input: GrantOfferPermissionInput,
    @Ctx() ctx: Context,
  ): Promise<GrantOfferPermissionPayload> {
    return toPayload(
      GrantOfferPermissionPayload,
      () =>
        this.permissions.grant(ctx, requireViewer(ctx), {
          category: input.category,
          merchantId: input.merchantId == null ? undefined : localId(input.merchantId, 'Merchant'),
        }),
      (permission) => ({ permission }),
    );
  }

  @Authorized()
  @Mutation(() => RevokeOfferPermissionPayload, {
    description:
      'Withdraws an offer permission at once (in the consent log): no further offers come through it; offers received stay.',
  })
  revokeOfferPermission(
    @Arg('input', { description: 'The permission to withdraw.' }) input: RevokeOfferPermissionInput,
    @Ctx() ctx: Context,
  ): Promise<RevokeOfferPermissionPayload> {
    return toPayload(RevokeOfferPermissionPayload, () =>
      this.permissions.revoke(ctx, requireViewer(ctx), localId(input.permissionId, 'OfferPermission')),
    );
  }

  @Authorized()
  @Mutation(() => SendOfferPayload, {
    description:
      'Sends an offer for a shop the viewer works for: it reaches only people who allow offers from the shop or for its category, each at most their Preferences.maxOffersPerWeek in any 7 days (3 until they choose). The payload says how many it reached, never who.',
  })
  sendOffer(
    @Arg('input', { description: 'The shop, what is offered, and optionally a product and a category.' })
    input: SendOfferInput,
    @Ctx() ctx: Context,
  ): Promise<SendOfferPayload> {
    return toPayload(
      SendOfferPayload,
      () =>
        this.offers.send(ctx, requireViewer(ctx), {
          ...input,
          merchantId: localId(input.merchantId, 'Merchant'),
          productId: input.productId == null ? undefined : localId(input.productId, 'Product'),
        }),
      ({ offer, deliveredCount }) => ({ offer, deliveredCount }),
    );
  }
}
