import { UserPriceRequestsResolver } from './user-price-requests.resolver';
import { PriceRequestBuyerResolver } from './price-request-buyer.resolver';
import { JobQueue } from '../core/jobs/job-queue';
import type { DomainModule } from '../core/module';
import { AwardService } from './award.service';
import { Bid } from './bid.entity';
import { BidFieldsResolver } from './bid-fields.resolver';
import { BiddingLoaders } from './bidding.loaders';
import { BidVisibilityPolicy } from './bid-visibility.policy';
import { biddingNotificationKinds } from './bidding.notification-kinds';
import { biddingPersonalData } from './bidding.personal-data';
import { DEADLINE_QUEUE, type DeadlineJob } from './deadline-job.service';
import { GroupRequestResolver } from './group-request.resolver';
import { PriceRequestJoinKey } from './price-request-join-key.entity';
import { PriceRequestParticipant } from './price-request-participant.entity';
import { PriceRequest } from './price-request.entity';
import { PriceRequestFieldsResolver } from './price-request-fields.resolver';
import { PriceRequestResolver } from './price-request.resolver';

export const biddingModule: DomainModule = {
  name: 'bidding',
  entities: [PriceRequest, Bid, PriceRequestParticipant, PriceRequestJoinKey],
  resolvers: [
    UserPriceRequestsResolver,
    PriceRequestResolver,
    PriceRequestFieldsResolver,
    PriceRequestBuyerResolver,
    BidFieldsResolver,
    GroupRequestResolver,
  ],
  nodeTypes: [
    {
      typeName: 'PriceRequest',
      fetch: (ctx, ids) =>
        Promise.all(ids.map((id) => ctx.container.get(BiddingLoaders).of(ctx).requestById.load(id))),
    },
    { typeName: 'Bid', fetch: (ctx, ids) => ctx.container.get(BidVisibilityPolicy).bidsById(ctx, ids) },
  ],
  personalData: biddingPersonalData,
  notificationKinds: biddingNotificationKinds,
  async start(container) {
    await container
      .get(JobQueue)
      .work<DeadlineJob>(DEADLINE_QUEUE, ({ requestId }) =>
        container.get(AwardService).closeAtDeadline(requestId),
      );
  },
};
