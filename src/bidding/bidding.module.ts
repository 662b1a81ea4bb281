import type { DomainModule } from '../core/module';
import { registerNodeType } from '../core/relay/node';
import { JobQueue } from '../core/jobs/job-queue';
import { AwardService } from './award.service';
import { Bid } from './bid.entity';
import { BidFieldsResolver } from './bid-fields.resolver';
import { BidVisibility } from './bid-visibility';
import { DEADLINE_QUEUE, type DeadlineJob } from './deadline-jobs';
import { PriceRequestParticipant } from './price-request-participant.entity';
import { PriceRequest } from './price-request.entity';
import { PriceRequestFieldsResolver } from './price-request-fields.resolver';
import { PriceRequestResolver } from './price-request.resolver';
import './bidding.notification-kinds';
import './bidding.personal-data';

registerNodeType('PriceRequest', PriceRequest, (ctx, ids) =>
  Promise.all(ids.map((id) => ctx.container.get(BidVisibility).loaders(ctx).requestById.load(id))),
);
registerNodeType('Bid', Bid, (ctx, ids) => ctx.container.get(BidVisibility).bidsById(ctx, ids));

export const biddingModule: DomainModule = {
  name: 'bidding',
  entities: [PriceRequest, Bid, PriceRequestParticipant],
  resolvers: [PriceRequestResolver, PriceRequestFieldsResolver, BidFieldsResolver],
  async start(container) {
    await container
      .get(JobQueue)
      .work<DeadlineJob>(DEADLINE_QUEUE, ({ requestId }) =>
        container.get(AwardService).closeAtDeadline(requestId),
      );
  },
};
