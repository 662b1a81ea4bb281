import { basename } from 'node:path';
import { filesUnder, read } from './source';

/** The roles an injectable class may have: its file ends with `.<role>.ts`, its name with the role's word. */
const ROLES = {
  service: 'Service',
  resolver: 'Resolver',
  loaders: 'Loaders',
  events: 'Events',
  policy: 'Policy',
};

/** `[file, class]` for every class marked `@Injectable()`, with other decorators between them allowed. */
function injectables(): Array<[string, string]> {
  return filesUnder('src').flatMap((file) =>
    [
      ...read(file).matchAll(
        /@Injectable\(\)\s*(?:@\w+\((?:[^()]|\([^()]*\))*\)\s*)*export (?:abstract )?class (\w+)/g,
      ),
    ].map((match): [string, string] => [file, match[1]]),
  );
}

describe('names of injectable classes', () => {
  it('finds the injectables', () => {
    expect(injectables().length).toBeGreaterThan(60);
  });

  it('carry their role in the file name and the class name, apart from pure-function files', () => {
    const misnamed = injectables().flatMap(([file, name]) => {
      const role = /\.(\w+)\.ts$/.exec(basename(file))?.[1] as keyof typeof ROLES | undefined;
      const suffix = role && ROLES[role];
      return suffix && name.endsWith(suffix) ? [] : [`${file}: ${name}`];
    });
    expect(misnamed).toEqual([]);
  });
});
