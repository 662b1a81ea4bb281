import { modules } from '../../src/modules';
import { filesUnder, linesMatching } from './source';

/** Every file of the domain slices (not core, not the composition root). */
const sliceFiles = modules
  .filter((m) => m.name !== 'core')
  .flatMap((m) => filesUnder(`src/${m.name}`))
  .sort();

const isResolver = (file: string) => file.endsWith('.resolver.ts');

/** `file:line: text` for each line of the slices' files but their resolvers that matches `pattern`. */
function outsideResolvers(pattern: RegExp): string[] {
  return linesMatching(
    sliceFiles.filter((file) => !isResolver(file)),
    pattern,
  );
}

describe('the GraphQL layer and the services', () => {
  it('reads the files of every slice', () => {
    expect(sliceFiles.length).toBeGreaterThan(150);
  });

  it('decodes global IDs only in resolvers, with the one core helper', () => {
    expect(outsideResolvers(/\b(localId|decodeGlobalId)\(/)).toEqual([]);
  });

  it('asks who the viewer is only in resolvers: services are told who acts', () => {
    expect(outsideResolvers(/\brequireViewer\(/)).toEqual([]);
  });

  it('builds no GraphQLError outside resolvers: services throw domain errors, which carry their code', () => {
    expect(outsideResolvers(/\bGraphQLError\b/)).toEqual([]);
  });
});
