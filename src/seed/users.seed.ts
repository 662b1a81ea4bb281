import type { Container } from '../core/container';
import { AuthService } from '../auth/auth.service';
import type { User } from '../users/user.entity';
import { UserService } from '../users/user.service';
import { createContext } from '../core/context';

/** Every demo account signs in with this password. */
export const DEMO_PASSWORD = 'dorfmarkt-demo';

const PEOPLE = [
  ['anna', 'Anna Huber', 'Allgäu', 'Bakes on Sundays, knows every farm shop between Kempten and Füssen.'],
  ['bernd', 'Bernd Maier', 'Allgäu', 'Cheese maker’s son, tests everything twice.'],
  ['clara', 'Clara Schmid', 'Allgäu', 'Gardener; buys seeds in bulk with the neighbours.'],
  ['dieter', 'Dieter Wagner', 'Oberland', 'Runs the village butcher’s shop.'],
  ['eva', 'Eva Becker', 'Oberland', 'Vegetarian, allergic to nuts, reads every label.'],
  ['franz', 'Franz Hofer', 'Oberland', 'Organises the group orders for the sports club.'],
  ['greta', 'Greta Lang', 'Allgäu', 'New in the village.'],
  ['hans', 'Hans Weber', 'Chiemgau', 'Beekeeper with 40 hives.'],
  ['ines', 'Ines Koch', 'Chiemgau', 'Cooks for six; always looking for a good price.'],
  ['jakob', 'Jakob Fischer', 'Chiemgau', 'Bike mechanic, trusts few, but trusts them fully.'],
] as const;

export interface Village {
  users: Record<string, User>;
}

export async function seedUsers(container: Container): Promise<Village> {
  const auth = container.get(AuthService);
  const profiles = container.get(UserService);
  const users: Record<string, User> = {};
  for (const [handle, displayName, region, bio] of PEOPLE) {
    const { user } = await auth.signUp({
      email: `${handle}@dorfmarkt.example`,
      password: DEMO_PASSWORD,
      handle,
      displayName,
    });
    const ctx = createContext(container, { id: user.id }, 'seed', 'seed');
    users[handle] = await profiles.updateProfile(ctx, user.id, { region, bio });
  }
  return { users };
}
