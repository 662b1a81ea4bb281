import { type GraphQLSchema, isObjectType } from 'graphql';
import { Declarations } from '../../src/core/declarations';
import { modules } from '../../src/modules';
import { createSchema } from '../../src/schema';
import { filesUnder, importsOf } from './source';

describe('how the slices are put together', () => {
  it('keeps core free of every slice: core imports only core and packages', () => {
    const outside = filesUnder('src/core').flatMap((file) =>
      importsOf(file)
        .filter((i) => i.target && !i.target.startsWith('src/core/') && !i.target.startsWith('migrations'))
        .map((i) => `${file} imports ${i.specifier}`),
    );
    expect(outside).toEqual([]);
  });

  it('imports no server module for its side effects: each slice declares what it adds in its module', () => {
    const sideEffects = filesUnder('src')
      .filter((file) => !file.startsWith('src/web/client/'))
      .flatMap((file) =>
        importsOf(file)
          .filter((i) => i.sideEffect && i.specifier !== 'reflect-metadata')
          .map((i) => `${file} imports ${i.specifier}`),
      );
    expect(sideEffects).toEqual([]);
  });

  it('has a module declaring how to fetch every type that implements Node', async () => {
    const schema: GraphQLSchema = await createSchema();
    const nodeTypes = Object.values(schema.getTypeMap())
      .filter((type) => isObjectType(type) && type.getInterfaces().some((i) => i.name === 'Node'))
      .map((type) => type.name)
      .sort();
    const declarations = new Declarations(modules);
    expect(nodeTypes.filter((name) => !declarations.nodeFetcher(name))).toEqual([]);
    expect(nodeTypes.length).toBeGreaterThan(10);
  });

  it('refuses a name that two modules declare', () => {
    const kind = { kind: 'TWICE', message: () => 'twice' };
    const module = (name: string) => ({ name, entities: [], resolvers: [], notificationKinds: [kind] });
    expect(() => new Declarations([module('a'), module('b')])).toThrow('notification kind TWICE');
  });
});
