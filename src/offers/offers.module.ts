import type { DomainModule } from '../core/module';
import { OfferDelivery } from './offer-delivery.entity';
import {
  OfferFieldsResolver,
  OfferPermissionFieldsResolver,
  UserOffersResolver,
} from './offer-fields.resolver';
import { OfferPermission } from './offer-permission.entity';
import { OfferPermissionService } from './offer-permission.service';
import { OfferResolver } from './offer.resolver';
import { OpinionLeaderResolver } from './opinion-leader.resolver';
import { OffersLoaders } from './offers.loaders';
import { offersNotificationKinds } from './offers.notification-kinds';
import { offersPersonalData } from './offers.personal-data';
import { SentOffer } from './sent-offer.entity';

/** Offers only to those who asked for them, and opinion leaders per category. */
export const offersModule: DomainModule = {
  name: 'offers',
  entities: [OfferPermission, SentOffer, OfferDelivery],
  resolvers: [
    OfferResolver,
    OfferFieldsResolver,
    OfferPermissionFieldsResolver,
    UserOffersResolver,
    OpinionLeaderResolver,
  ],
  nodeTypes: [
    {
      typeName: 'Offer',
      fetch: (ctx, ids) =>
        Promise.all(ids.map((id) => ctx.container.get(OffersLoaders).of(ctx).visibleById.load(id))),
    },
    {
      typeName: 'OfferPermission',
      fetch: async (ctx, ids) => {
        const viewerId = ctx.viewer?.id;
        if (!viewerId) return ids.map(() => null);
        const mine = await ctx.container.get(OfferPermissionService).listOf(viewerId);
        return ids.map((id) => mine.find((p) => p.id === id) ?? null);
      },
    },
  ],
  personalData: offersPersonalData,
  notificationKinds: offersNotificationKinds,
};
