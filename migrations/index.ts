import { Foundation1764000000000 } from './1764000000000-Foundation';
import { Trust1764000100000 } from './1764000100000-Trust';
import { Catalog1764000200000 } from './1764000200000-Catalog';
import { Pools1764000300000 } from './1764000300000-Pools';
import { PriceBidding1764000400000 } from './1764000400000-PriceBidding';
import { Privacy1764000500000 } from './1764000500000-Privacy';
import { ErasedBuyers1764000520000 } from './1764000520000-ErasedBuyers';
import { RateLimits1764000600000 } from './1764000600000-RateLimits';
import { MillisecondTimestamps1764000900000 } from './1764000900000-MillisecondTimestamps';
import { CoveringReviewIndex1764001000000 } from './1764001000000-CoveringReviewIndex';
import { PoolRulesFromFiles1764001300000 } from './1764001300000-PoolRulesFromFiles';
import { TrustBeyond1764001700000 } from './1764001700000-TrustBeyond';
import { TrustIn1764001310000 } from './1764001310000-TrustIn';
import { OrderLifecycle1764001400000 } from './1764001400000-OrderLifecycle';
import { ShopSettings1764001410000 } from './1764001410000-ShopSettings';
import { PoolTipped1764001420000 } from './1764001420000-PoolTipped';
import { AuctionOrderSources1764001500000 } from './1764001500000-AuctionOrderSources';
import { Auctions1764001510000 } from './1764001510000-Auctions';
import { GroupPriceRequests1764001580000 } from './1764001580000-GroupPriceRequests';
import { Offers1764001581000 } from './1764001581000-Offers';
import { Apps1764001600000 } from './1764001600000-Apps';

/** Every migration, in order. CI checks that they match the entities. */
export const migrations: Function[] = [
  Foundation1764000000000,
  Trust1764000100000,
  Catalog1764000200000,
  Pools1764000300000,
  PriceBidding1764000400000,
  Privacy1764000500000,
  ErasedBuyers1764000520000,
  RateLimits1764000600000,
  MillisecondTimestamps1764000900000,
  CoveringReviewIndex1764001000000,
  PoolRulesFromFiles1764001300000,
  TrustIn1764001310000,
  OrderLifecycle1764001400000,
  ShopSettings1764001410000,
  PoolTipped1764001420000,
  AuctionOrderSources1764001500000,
  Auctions1764001510000,
  GroupPriceRequests1764001580000,
  Offers1764001581000,
  Apps1764001600000,
  TrustBeyond1764001700000,
];
