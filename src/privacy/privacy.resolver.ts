import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../core/context';
import { Injectable } from '../core/container';
import { requireViewer } from '../core/auth/auth-checker';
import { toPayload } from '../core/errors/payload';
import {
  UpdatePreferencesInput,
  UpdatePreferencesPayload,
  UpdatePrivacySettingsInput,
  UpdatePrivacySettingsPayload,
} from './privacy.inputs';
import { PrivacyService } from './privacy.service';

@Injectable()
@Resolver()
export class PrivacyResolver {
  constructor(private readonly privacy: PrivacyService) {}

  @Authorized()
  @Mutation(() => UpdatePrivacySettingsPayload, {
    description:
      'Changes who may see what of one’s data and what one wants back; only the fields given change, and each change is written to the consent log.',
  })
  updatePrivacySettings(
    @Arg('input', { description: 'The settings to change; settings left out stay as they are.' })
    input: UpdatePrivacySettingsInput,
    @Ctx() ctx: Context,
  ): Promise<UpdatePrivacySettingsPayload> {
    return toPayload(
      UpdatePrivacySettingsPayload,
      () => this.privacy.updateSettings(ctx, requireViewer(ctx), input),
      (privacySettings) => ({ privacySettings }),
    );
  }

  @Authorized()
  @Mutation(() => UpdatePreferencesPayload, {
    description: 'Changes the tags to avoid, the interests and the most offers a week.',
  })
  updatePreferences(
    @Arg('input', { description: 'The preferences to change; preferences left out stay as they are.' })
    input: UpdatePreferencesInput,
    @Ctx() ctx: Context,
  ): Promise<UpdatePreferencesPayload> {
    return toPayload(
      UpdatePreferencesPayload,
      () => this.privacy.updatePreferences(ctx, requireViewer(ctx), input),
      (preferences) => ({ preferences }),
    );
  }
}
