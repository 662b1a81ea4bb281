import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../core/context';
import { Injectable } from '../core/container';
import { emptyConnection, toConnection } from '../core/relay/connection';
import { ConnectionArgs } from '../core/relay/connection-args';
import { User } from '../users/user.entity';
import { ConsentEventConnection } from './consent-event.entity';
import { Preferences } from './preferences.entity';
import { PrivacySettings } from './privacy-settings';
import { PrivacyService } from './privacy.service';
import { OwnerOnly } from './visible-to';

/** What only the owner reads of their own account: settings, consent log, preferences. */
@Injectable()
@Resolver(() => User)
export class PrivacyFieldsResolver {
  constructor(private readonly privacy: PrivacyService) {}

  @OwnerOnly()
  @FieldResolver(() => PrivacySettings, {
    nullable: true,
    description: 'Who may see what of this account; only its owner reads it, null for anyone else.',
  })
  privacySettings(@Root() user: User): PrivacySettings {
    return PrivacySettings.of(user);
  }

  @OwnerOnly({ hidden: () => emptyConnection(ConsentEventConnection) })
  @FieldResolver(() => ConsentEventConnection, {
    description:
      'Every change of a privacy setting, newest first; only its owner reads it, empty for anyone else.',
  })
  async consentLog(@Root() user: User, @Args() page: ConnectionArgs, @Ctx() ctx: Context): Promise<object> {
    return toConnection(ConsentEventConnection, await this.privacy.consentLog(ctx, user.id, page));
  }

  @OwnerOnly()
  @FieldResolver(() => Preferences, {
    nullable: true,
    description: 'What this person wants offered; only its owner reads it, null for anyone else.',
  })
  preferences(@Root() user: User, @Ctx() ctx: Context): Promise<Preferences> {
    return this.privacy.preferences(ctx, user.id);
  }
}
