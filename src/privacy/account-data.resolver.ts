import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../core/context';
import { Injectable } from '../core/container';
import { requireViewer } from '../core/auth/auth-checker';
import { toPayload } from '../core/errors/payload';
import {
  DeleteMyAccountInput,
  DeleteMyAccountPayload,
  ExportMyDataInput,
  ExportMyDataPayload,
} from './privacy.inputs';
import { AccountDataService } from './account-data.service';

@Injectable()
@Resolver()
export class AccountDataResolver {
  constructor(private readonly accountData: AccountDataService) {}

  @Authorized()
  @Mutation(() => ExportMyDataPayload, {
    description:
      'Everything Dorfmarkt stores about you, as one JSON document. A wrong password is a userError.',
  })
  exportMyData(
    @Arg('input', { description: 'Your password, to confirm it is you.' }) input: ExportMyDataInput,
    @Ctx() ctx: Context,
  ): Promise<ExportMyDataPayload> {
    return toPayload(
      ExportMyDataPayload,
      () => this.accountData.exportData(ctx, requireViewer(ctx), input.password),
      (document) => ({ export: document }),
    );
  }

  @Authorized()
  @Mutation(() => DeleteMyAccountPayload, {
    description:
      'Deletes your account for good: personal data and trust edges are erased, open group buys left, your open price requests withdrawn, every token stops at once; orders, price requests and the bids you placed for a shop stay for the merchants without your name, and a shop you own passes to its longest-serving staff member. A wrong password is a userError; so is (SOLE_OWNER) owning a shop nobody else runs.',
  })
  deleteMyAccount(
    @Arg('input', {
      description: 'Your password, and whether your reviews are deleted or kept without your name.',
    })
    input: DeleteMyAccountInput,
    @Ctx() ctx: Context,
  ): Promise<DeleteMyAccountPayload> {
    return toPayload(DeleteMyAccountPayload, () =>
      this.accountData.deleteAccount(ctx, requireViewer(ctx), input.password, { reviews: input.reviews }),
    );
  }
}
