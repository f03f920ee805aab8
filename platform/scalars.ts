// The custom scalars of the supergraph (Date, DateTime, JSON), one implementation for every subgraph and for the
// gateway, which coerces variables and literals with the same parsers (gateway/security/variableErrors.ts): a
// value a subgraph would refuse is refused by the gateway first, as BAD_USER_INPUT with HTTP 400.
// graphql-scalars' own messages repeat the refused value ("Date cannot represent an invalid date-string Jeanne
// Dupont …"), which then reached clients and logs: these say what was expected, never what was sent.
import { GraphQLError, GraphQLScalarType, type GraphQLSchema, isScalarType } from "graphql";
import { DateResolver, DateTimeResolver, JSONResolver } from "graphql-scalars";

/** Calendar years a date may name: anything else is a mistake or a probe, not a day of the platform's life. */
const FIRST_YEAR = 1;
const LAST_YEAR = 9999;

function invalid(name: string, expected: string): GraphQLError {
  // No ": " in the message: gateway/security/variableErrors.ts keeps value-free reasons as they are.
  return new GraphQLError(`${name} invalide (format attendu ${expected}).`, {
    extensions: { code: "BAD_USER_INPUT" },
  });
}

function checked(name: string, expected: string, parse: () => unknown): unknown {
  let parsed: unknown;
  try {
    parsed = parse();
  } catch {
    throw invalid(name, expected);
  }
  if (parsed instanceof Date) {
    const year = parsed.getUTCFullYear();
    if (Number.isNaN(parsed.getTime()) || year < FIRST_YEAR || year > LAST_YEAR)
      throw invalid(name, expected);
  }
  return parsed;
}

function valueFree(scalar: GraphQLScalarType, expected: string): GraphQLScalarType {
  const config = scalar.toConfig();
  return new GraphQLScalarType({
    ...config,
    parseValue: (value) => checked(scalar.name, expected, () => scalar.parseValue(value)),
    parseLiteral: (ast, variables) =>
      checked(scalar.name, expected, () => scalar.parseLiteral(ast, variables)),
  });
}

export const DateScalar = valueFree(DateResolver, "AAAA-MM-JJ, par exemple 2026-11-28");
export const DateTimeScalar = valueFree(DateTimeResolver, "RFC 3339, par exemple 2026-11-28T09:30:00Z");
/** Deepest nesting of arrays and objects a JSON value may have: code walking it recursively must not overflow. */
export const JSON_MAX_DEPTH = 64;

/** Whether a value nests deeper than `max` — walked with an explicit stack, so any depth is measured safely. */
function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop() as [unknown, number];
    if (typeof item !== "object" || item === null) continue;
    if (depth >= max) return true;
    for (const child of Object.values(item)) stack.push([child, depth + 1]);
  }
  return false;
}

/** Any JSON value, nested at most JSON_MAX_DEPTH deep (a 5,000-deep value overflowed JSON.stringify in a command). */
export const JSONScalar = new GraphQLScalarType({
  ...JSONResolver.toConfig(),
  parseValue: (value) => {
    if (nestsDeeperThan(value, JSON_MAX_DEPTH))
      throw invalid("JSON", `imbriqué sur ${JSON_MAX_DEPTH} niveaux au plus`);
    return JSONResolver.parseValue(value);
  },
  parseLiteral: (ast, variables) => {
    const value = JSONResolver.parseLiteral(ast, variables);
    if (nestsDeeperThan(value, JSON_MAX_DEPTH))
      throw invalid("JSON", `imbriqué sur ${JSON_MAX_DEPTH} niveaux au plus`);
    return value;
  },
});

/** The parsers each custom scalar uses, by name. */
const PARSERS: ReadonlyMap<string, GraphQLScalarType> = new Map(
  [DateScalar, DateTimeScalar, JSONScalar].map((scalar) => [scalar.name, scalar]),
);

/**
 * Gives a schema built from SDL (the gateway's API schema, whose custom scalars accept anything) the parsers of
 * the subgraphs' scalars, so that its variable coercion and literal validation refuse what they would. Output
 * serialisation is left alone: the gateway passes subgraphs' values through.
 */
export function installScalarParsers(schema: GraphQLSchema): void {
  for (const [name, parser] of PARSERS) {
    const type = schema.getType(name);
    if (!isScalarType(type)) continue;
    Object.assign(type, { parseValue: parser.parseValue, parseLiteral: parser.parseLiteral });
  }
}
