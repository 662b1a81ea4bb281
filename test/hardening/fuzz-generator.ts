import {
  buildClientSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isUnionType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql';

/** A small seeded PRNG (mulberry32), so that a failing run can be replayed with its seed. */
export function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return {
    next,
    int,
    chance: (p: number) => next() < p,
    pick: <T>(items: readonly T[]): T => items[int(items.length)],
  };
}
export type Random = ReturnType<typeof random>;

export interface FuzzOperation {
  query: string;
  variables: Record<string, unknown>;
  operationName?: string;
}

/** Values a client might send for a string, kind and unkind. */
const STRINGS = [
  '',
  'a',
  'anna',
  'Anna_H',
  'x'.repeat(300),
  'x'.repeat(20_000),
  "' OR 1=1 --",
  'Robert"); DROP TABLE users;--',
  '😀🌽',
  '\ud800',
  'line\nbreak\ttab',
  '\u0000',
  'a\u0000b',
  '%00',
  '${jndi:ldap://x}',
  '<script>alert(1)</script>',
  '12.50',
  '21474836.47',
  '21474836.48',
  '99999999999.99',
  '999999999999',
  'ZZZ',
  'QQQ',
  'XTS',
  'eur',
  '-1',
  '1e309',
  'anna@example.com',
  'not an email',
  '2030-01-01T00:00:00Z',
  'VXNlcjowMDAwMDAwMC0wMDAwLTQwMDAtODAwMC0wMDAwMDAwMDAwMDA',
  'VXNlcjpub3QtYS11dWlk',
  'eyJhbGciOiJIUzI1NiJ9.e30.x',
];
const INTS = [0, 1, -1, 2, 20, 100, 101, 1000, -2147483648, 2147483647, 2147483648, 2 ** 53, -(2 ** 60)];
const FLOATS = [0, 0.5, -1.5, 1e308, -1e-308, 3.14];
const WRONG = [null, true, false, 'str', 1.5, 42, [], {}, [1, 'a'], { a: { b: { c: 1 } } }];

/**
 * Random operations from an introspected schema: valid ones (fields, fragments on interfaces, arguments of
 * the right type, inline or as variables) and, as often, ones a careless or hostile client sends (wrong
 * types, missing or unknown arguments and fields, syntax errors).
 */
export class OperationFuzzer {
  readonly schema: GraphQLSchema;

  constructor(
    introspection: IntrospectionQuery,
    private readonly rnd: Random,
    /** Values known to exist, such as real user IDs, mixed in with random ones. */
    private readonly knownIds: string[],
    /** Root fields left out (test hooks that sleep, for instance). */
    private readonly skip: (name: string) => boolean,
    /** Root fields picked a quarter as often as the others: slow on purpose (password hashing). */
    private readonly expensive: string[] = [],
  ) {
    this.schema = buildClientSchema(introspection);
  }

  /** Whether this operation may carry faults; a clean one is valid as a whole, so execution gets exercised too. */
  private faulty = true;

  /** A fault with probability `p`, only in a faulty operation: per-field chances would compound in a large schema. */
  private fault(p: number): boolean {
    return this.faulty && this.rnd.chance(p);
  }

  operation(): FuzzOperation {
    const { rnd } = this;
    this.faulty = rnd.chance(0.5);
    const mutation = this.schema.getMutationType();
    const kind = mutation && rnd.chance(0.3) ? 'mutation' : 'query';
    const root = kind === 'mutation' ? mutation! : this.schema.getQueryType()!;
    const fields = Object.values(root.getFields()).filter((f) => !this.skip(f.name));
    const variables: Record<string, unknown> = {};
    const definitions: string[] = [];
    const selections = Array.from({ length: 1 + rnd.int(3) }, (_, i) => {
      let field = rnd.pick(fields);
      if (this.expensive.includes(field.name) && rnd.chance(0.75)) field = rnd.pick(fields);
      const alias = !this.faulty || rnd.chance(0.3) ? `f${i}: ` : '';
      return alias + this.field(field, 0, variables, definitions);
    });
    const name = rnd.chance(0.5) ? ` Fuzz${rnd.int(1000)}` : '';
    const header = definitions.length ? `(${definitions.join(', ')})` : '';
    let query = `${kind}${name}${header} { ${selections.join(' ')} }`;
    if (this.fault(0.1)) query = this.mangle(query);
    if (this.fault(0.05)) variables[`extra${rnd.int(9)}`] = rnd.pick(WRONG);
    return { query, variables };
  }

  private field(
    field: GraphQLField<unknown, unknown>,
    depth: number,
    variables: Record<string, unknown>,
    definitions: string[],
  ): string {
    const { rnd } = this;
    const args = field.args
      .filter((a) => isNonNullType(a.type) || rnd.chance(0.5))
      .filter(() => !this.fault(0.03))
      .map((arg) => `${arg.name}: ${this.argument(arg, variables, definitions)}`);
    if (this.fault(0.03)) args.push(`unknown${rnd.int(9)}: 1`);
    const head = field.name + (args.length ? `(${args.join(', ')})` : '');
    const type = getNamedType(field.type);
    if (isLeafType(type)) return this.fault(0.03) ? `${head} { id }` : head;
    if (depth > 4 || this.fault(0.02)) return head; // a missing selection set
    return `${head} { ${this.selection(type, depth + 1, variables, definitions)} }`;
  }

  private selection(
    type: GraphQLNamedType,
    depth: number,
    variables: Record<string, unknown>,
    definitions: string[],
  ): string {
    const { rnd } = this;
    const parts: string[] = ['__typename'];
    if (isObjectType(type) || isInterfaceType(type)) {
      const fields = Object.values(type.getFields());
      const picked = new Set<string>();
      for (let i = 0; i < 1 + rnd.int(4); i++) {
        const field = rnd.pick(fields);
        // A clean operation picks each field once, so that two picks with other arguments never conflict.
        if (!this.faulty && picked.has(field.name)) continue;
        picked.add(field.name);
        parts.push(this.field(field, depth, variables, definitions));
      }
    }
    if (isInterfaceType(type) || isUnionType(type)) {
      for (const possible of this.schema.getPossibleTypes(type) as GraphQLObjectType[])
        if (rnd.chance(0.6))
          parts.push(
            `... on ${possible.name} { ${this.selection(possible, depth, variables, definitions)} }`,
          );
    }
    if (this.fault(0.03)) parts.push(`noSuchField${rnd.int(9)}`);
    return parts.join(' ');
  }

  /** An argument inline, or as a variable (sometimes declared with the wrong type, or left unset). */
  private argument(arg: GraphQLArgument, variables: Record<string, unknown>, definitions: string[]): string {
    const { rnd } = this;
    const value = !this.fault(0.15) ? this.value(arg.type, 0) : rnd.pick(WRONG);
    if (rnd.chance(0.5)) return literal(value);
    const name = `v${definitions.length}`;
    const declared = !this.fault(0.05) ? String(arg.type) : rnd.pick(['Int', 'String!', '[ID!]', 'Boolean']);
    definitions.push(`$${name}: ${declared}`);
    if (!this.fault(0.03)) variables[name] = value;
    return `$${name}`;
  }

  private value(type: GraphQLInputType, depth: number): unknown {
    const { rnd } = this;
    if (isNonNullType(type)) return this.value(type.ofType, depth);
    if (this.fault(0.05)) return null;
    if (isListType(type)) return Array.from({ length: rnd.int(4) }, () => this.value(type.ofType, depth + 1));
    if (isEnumType(type)) return !this.fault(0.1) ? rnd.pick(type.getValues()).name : 'NOT_A_VALUE';
    if (isInputObjectType(type)) {
      const object: Record<string, unknown> = {};
      for (const field of Object.values(type.getFields()))
        if ((isNonNullType(field.type) || rnd.chance(0.6)) && !this.fault(0.03))
          object[field.name] = depth > 3 ? null : this.value(field.type, depth + 1);
      if (this.fault(0.03)) object.unknownField = 1;
      return object;
    }
    switch (type.name) {
      case 'Int':
        return rnd.pick(INTS);
      case 'Float':
        return rnd.pick(FLOATS);
      case 'Boolean':
        return rnd.chance(0.5);
      case 'ID':
        return rnd.chance(0.5) && this.knownIds.length ? rnd.pick(this.knownIds) : rnd.pick(STRINGS);
      default:
        return rnd.pick(STRINGS);
    }
  }

  /** Breaks a document the way a typo or a truncation would. */
  private mangle(query: string): string {
    const { rnd } = this;
    const at = rnd.int(query.length);
    return rnd.pick([
      () => query.slice(0, at),
      () => query.slice(0, at) + query.slice(at + 1 + rnd.int(5)),
      () => query.slice(0, at) + rnd.pick(['{', '}', '(', '$', '"', '...', '@skip', '#']) + query.slice(at),
    ])();
  }
}

/** A JS value as a GraphQL literal; enum names (SCREAMING_CASE strings) stay bare. */
function literal(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  if (typeof value === 'object')
    return `{ ${Object.entries(value)
      .map(([k, v]) => `${k}: ${literal(v)}`)
      .join(', ')} }`;
  if (typeof value === 'string' && /^[A-Z][A-Z_]+$/.test(value)) return value;
  if (typeof value === 'number' && !Number.isFinite(value)) return '0';
  return JSON.stringify(value);
}
