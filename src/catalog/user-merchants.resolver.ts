import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../core/context';
import { Injectable } from '../core/container';
import { User } from '../users/user.entity';
import { Merchant } from './merchant.entity';
import { MerchantService } from './merchant.service';

@Injectable()
@Resolver(() => User)
export class UserMerchantsResolver {
  constructor(private readonly merchantService: MerchantService) {}

  @FieldResolver(() => [Merchant], {
    description: 'The shops this person runs, oldest first; for the person only, empty for anyone else.',
  })
  merchants(@Root() user: User, @Ctx() ctx: Context): Promise<Merchant[]> | Merchant[] {
    return ctx.viewer?.id === user.id ? this.merchantService.staffedBy(user.id) : [];
  }
}
