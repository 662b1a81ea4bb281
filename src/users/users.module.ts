import type { DomainModule } from '../core/module';
import { registerNodeType } from '../core/relay/node';
import { User } from './user.entity';
import { UserFieldsResolver } from './user-fields.resolver';
import { UserResolver } from './user.resolver';
import { UserService } from './user.service';

registerNodeType('User', User, (ctx, ids) =>
  ctx.container.get(UserService).loaders(ctx).byId.loadMany(ids).then(orNull),
);

function orNull<T>(values: Array<T | Error>): Array<T | null> {
  return values.map((v) => (v instanceof Error ? null : v));
}

export const usersModule: DomainModule = {
  name: 'users',
  entities: [User],
  resolvers: [UserResolver, UserFieldsResolver],
};
