import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildSchema,
  type GraphQLSchema,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isObjectType,
  isSpecifiedScalarType,
} from 'graphql';
import { createSchema } from '../../src/schema';

/** Every named part of the schema that a partner app reads about and that has no description. */
function undescribed(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  const blank = (text: string | null | undefined) => !text?.trim();
  for (const type of Object.values(schema.getTypeMap())) {
    if (isIntrospectionType(type) || isSpecifiedScalarType(type)) continue;
    if (blank(type.description)) missing.push(type.name);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (blank(field.description)) missing.push(`${type.name}.${field.name}`);
        for (const arg of field.args) {
          if (blank(arg.description)) missing.push(`${type.name}.${field.name}(${arg.name}:)`);
        }
      }
    }
    if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (blank(field.description)) missing.push(`${type.name}.${field.name}`);
      }
    }
  }
  return missing;
}

describe('the schema', () => {
  const text = readFileSync(join(__dirname, '..', '..', 'schema', 'schema.graphql'), 'utf8');
  const schema = buildSchema(text);

  it('describes every type, field, argument and input field, the root types included', async () => {
    expect(undescribed(await createSchema())).toEqual([]);
    expect(undescribed(schema)).toEqual([]);
  });

  it('says in schema/schema.graphql which specification DateTime follows, for client code generators', () => {
    expect(schema.getType('DateTime')).toEqual(
      expect.objectContaining({ specifiedByURL: 'https://scalars.graphql.org/andimarek/date-time' }),
    );
    expect(text).toMatch(
      /^scalar DateTime @specifiedBy\(url: "https:\/\/scalars\.graphql\.org\/andimarek\/date-time"\)$/m,
    );
  });
});
