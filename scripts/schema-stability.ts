import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CriticalityLevel, diff } from '@graphql-inspector/core';
import {
  buildSchema,
  type GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
} from 'graphql';

/**
 * Partner apps build on the schema: a change that breaks them ships only when CHANGELOG.md announces it under
 * "## Unreleased" → "### Breaking", in an item that names the changed coordinate and its replacement in backticks,
 * e.g. "- `Product.price` is removed: use `Product.unitPrice`.".
 */
export async function findUnannouncedBreaks(
  released: string,
  current: string,
  changelog: string,
): Promise<string[]> {
  const announcements = breakingAnnouncements(changelog);
  const changes = await diff(buildSchema(released), buildSchema(current));
  return changes
    .filter((change) => change.criticality.level === CriticalityLevel.Breaking)
    .filter(
      (change) =>
        !announcements.some((item) => names(item).includes(change.path ?? '') && names(item).length > 1),
    )
    .map(
      (change) =>
        `${change.message} (${change.path ?? 'schema'}) is a breaking change that CHANGELOG.md does not announce with its replacement`,
    );
}

/** A deprecation tells clients what to use instead: its reason names the replacement in backticks. */
export function findDeprecationsWithoutReplacement(current: string): string[] {
  const problems: string[] = [];
  for (const [coordinate, reason] of deprecations(buildSchema(current))) {
    if (names(reason).length === 0)
      problems.push(`${coordinate} is deprecated without naming its replacement in backticks`);
  }
  return problems;
}

function breakingAnnouncements(changelog: string): string[] {
  const unreleased = changelog.split(/^## /m).find((section) => section.startsWith('Unreleased')) ?? '';
  const breaking = unreleased.split(/^### /m).find((section) => section.startsWith('Breaking')) ?? '';
  return breaking.split('\n').filter((line) => line.trimStart().startsWith('- '));
}

function names(text: string): string[] {
  return [...text.matchAll(/`([^`]+)`/g)].map((match) => match[1]);
}

function* deprecations(schema: GraphQLSchema): Generator<[string, string]> {
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (field.deprecationReason != null) yield [`${type.name}.${field.name}`, field.deprecationReason];
        for (const arg of field.args) {
          if (arg.deprecationReason != null)
            yield [`${type.name}.${field.name}(${arg.name}:)`, arg.deprecationReason];
        }
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (field.deprecationReason != null) yield [`${type.name}.${field.name}`, field.deprecationReason];
      }
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) {
        if (value.deprecationReason != null) yield [`${type.name}.${value.name}`, value.deprecationReason];
      }
    }
  }
}

async function main(): Promise<void> {
  const root = join(__dirname, '..', '..');
  const read = (file: string): string => readFileSync(join(root, file), 'utf8');
  const current = read('schema/schema.graphql');
  const problems = [
    ...(await findUnannouncedBreaks(read('schema/released.graphql'), current, read('CHANGELOG.md'))),
    ...findDeprecationsWithoutReplacement(current),
  ];
  for (const problem of problems) console.error(problem);
  if (problems.length > 0) process.exit(1);
  console.log('schema/schema.graphql keeps every promise of schema/released.graphql and CHANGELOG.md.');
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
