import { type DocumentNode, type GraphQLSchema, TypeInfo, visit, visitWithTypeInfo } from 'graphql';

/**
 * Fields whose value depends on who asks (viewer-specific scores, lists filtered by privacy) carry
 * `@Extensions({ viewerDependent: true })`. An operation that selects none of them gives every viewer the
 * same result, so its execution can be shared.
 */
export const VIEWER_DEPENDENT = { viewerDependent: true } as const;

export function selectsViewerDependentField(schema: GraphQLSchema, document: DocumentNode): boolean {
  const typeInfo = new TypeInfo(schema);
  let dependent = false;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field() {
        if (typeInfo.getFieldDef()?.extensions?.viewerDependent) dependent = true;
      },
    }),
  );
  return dependent;
}
