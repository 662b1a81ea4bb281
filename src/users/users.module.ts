import type { DomainModule } from '../core/module';
import { orNull } from '../core/relay/node';
import { User } from './user.entity';
import { UserFieldsResolver } from './user-fields.resolver';
import { UserResolver } from './user.resolver';
import { UserLoaders } from './user.loaders';
import { userPersonalData } from './users.personal-data';

export const usersModule: DomainModule = {
  name: 'users',
  entities: [User],
  resolvers: [UserResolver, UserFieldsResolver],
  nodeTypes: [
    {
      typeName: 'User',
      fetch: (ctx, ids) => ctx.container.get(UserLoaders).of(ctx).byId.loadMany(ids).then(orNull),
    },
  ],
  personalData: userPersonalData,
};
