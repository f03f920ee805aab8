// Which operations the public response cache may answer, and for how long, from the `@cacheControl` hints of the
// subgraphs' SDL — Apollo's cache-control semantics, simplified and computed statically, once per document:
// - every root field, and every field that returns an object, interface or union (or a list of them), needs a hint:
//   its own, or its return type's; `inheritMaxAge: true` takes the maxAge of the parent field (never at the root);
// - a field returning a scalar or an enum inherits, unless it has a hint of its own;
// - the operation's maxAge is the smallest of all the maxAges met; a missing hint, a maxAge of 0 or a PRIVATE scope
//   anywhere makes it not cacheable.
// Hints are read from each subgraph's typeDefs, because @apollo/composition drops custom directives from the
// supergraph; where two subgraphs hint the same type or field, the strictest hint wins.
import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  getNamedType,
  isAbstractType,
  isCompositeType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from "graphql";

export interface CacheHint {
  maxAge?: number;
  scope?: "PUBLIC" | "PRIVATE";
  inheritMaxAge?: boolean;
}

export interface CacheHints {
  types: ReadonlyMap<string, CacheHint>;
  /** Keyed `Type.field`. */
  fields: ReadonlyMap<string, CacheHint>;
}

export type OperationPolicy =
  | { cacheable: false; reason: string }
  | {
      cacheable: true;
      maxAge: number;
      /** The named composite types the operation selects (abstract ones with their possible types), sorted. */
      types: string[];
    };

const DIRECTIVE = "cacheControl";

function hintFrom(
  directives: readonly { name: { value: string }; arguments?: readonly unknown[] }[] | undefined,
) {
  const directive = directives?.find((d) => d.name.value === DIRECTIVE);
  if (!directive) return undefined;
  const hint: CacheHint = {};
  for (const argument of (directive.arguments ?? []) as { name: { value: string }; value: ValueNode }[]) {
    const { value } = argument;
    if (argument.name.value === "maxAge" && value.kind === Kind.INT) hint.maxAge = Number(value.value);
    else if (argument.name.value === "scope" && value.kind === Kind.ENUM)
      hint.scope = value.value === "PRIVATE" ? "PRIVATE" : "PUBLIC";
    else if (argument.name.value === "inheritMaxAge" && value.kind === Kind.BOOLEAN)
      hint.inheritMaxAge = value.value;
  }
  return hint;
}

/** The strictest of two hints on the same element (two subgraphs may both hint a shared type). */
function strictest(a: CacheHint | undefined, b: CacheHint): CacheHint {
  if (!a) return b;
  const maxAges = [a.maxAge, b.maxAge].filter((value): value is number => value !== undefined);
  return {
    ...(maxAges.length > 0 ? { maxAge: Math.min(...maxAges) } : {}),
    ...(a.scope === "PRIVATE" || b.scope === "PRIVATE" ? { scope: "PRIVATE" as const } : {}),
    ...(maxAges.length === 0 && (a.inheritMaxAge || b.inheritMaxAge) ? { inheritMaxAge: true } : {}),
  };
}

/** Collects the `@cacheControl` hints of type and field definitions (and extensions) of the given SDL documents. */
export function cacheHintsFromTypeDefs(documents: Iterable<DocumentNode>): CacheHints {
  const types = new Map<string, CacheHint>();
  const fields = new Map<string, CacheHint>();
  for (const document of documents) {
    for (const definition of document.definitions) {
      if (
        definition.kind !== Kind.OBJECT_TYPE_DEFINITION &&
        definition.kind !== Kind.OBJECT_TYPE_EXTENSION &&
        definition.kind !== Kind.INTERFACE_TYPE_DEFINITION &&
        definition.kind !== Kind.INTERFACE_TYPE_EXTENSION &&
        definition.kind !== Kind.UNION_TYPE_DEFINITION &&
        definition.kind !== Kind.UNION_TYPE_EXTENSION
      )
        continue;
      const typeName = definition.name.value;
      const typeHint = hintFrom(definition.directives);
      if (typeHint) types.set(typeName, strictest(types.get(typeName), typeHint));
      if (definition.kind === Kind.UNION_TYPE_DEFINITION || definition.kind === Kind.UNION_TYPE_EXTENSION)
        continue;
      for (const field of definition.fields ?? []) {
        const fieldHint = hintFrom(field.directives);
        const key = `${typeName}.${field.name.value}`;
        if (fieldHint) fields.set(key, strictest(fields.get(key), fieldHint));
      }
    }
  }
  return { types, fields };
}

class NotCacheable extends Error {}

/** The policy of one operation of a validated document against the (API) schema it runs on. */
export function operationPolicy(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  hints: CacheHints,
): OperationPolicy {
  if (operation.operation !== "query") return { cacheable: false, reason: `${operation.operation}` };
  const root = schema.getQueryType();
  if (!root) return { cacheable: false, reason: "no query type" };
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions)
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);

  let maxAge = Number.POSITIVE_INFINITY;
  const touched = new Set<string>();
  const touch = (type: GraphQLCompositeType) => {
    touched.add(type.name);
    if (isAbstractType(type))
      for (const possible of schema.getPossibleTypes(type)) touched.add(possible.name);
  };

  const visitField = (
    parentType: GraphQLCompositeType,
    node: FieldNode,
    parentMaxAge: number | undefined,
  ) => {
    const name = node.name.value;
    if (name.startsWith("__")) {
      // __typename is data of the parent; __schema and __type are introspection, never cached here.
      if (name === "__typename") return;
      throw new NotCacheable(`introspection field ${name}`);
    }
    if (isAbstractType(parentType) && !("getFields" in parentType)) return;
    const field = "getFields" in parentType ? parentType.getFields()[name] : undefined;
    if (!field) throw new NotCacheable(`unknown field ${parentType.name}.${name}`);
    const fieldHint = hints.fields.get(`${parentType.name}.${name}`);
    const returnType = getNamedType(field.type);
    if (!isCompositeType(returnType)) {
      if (fieldHint?.scope === "PRIVATE") throw new NotCacheable(`${parentType.name}.${name} is private`);
      if (fieldHint?.maxAge !== undefined) maxAge = Math.min(maxAge, fieldHint.maxAge);
      return;
    }
    // As in Apollo: the field's own hint replaces its type's, except that `inheritMaxAge` on the field only
    // applies when the type gives no maxAge.
    const typeHint = hints.types.get(returnType.name);
    let hint: CacheHint | undefined = typeHint;
    if (fieldHint) {
      hint =
        fieldHint.inheritMaxAge && typeHint?.maxAge !== undefined
          ? { ...typeHint, ...(fieldHint.scope ? { scope: fieldHint.scope } : {}) }
          : { ...typeHint, ...fieldHint };
    }
    if (!hint) throw new NotCacheable(`no hint on ${parentType.name}.${name} nor ${returnType.name}`);
    if (hint.scope === "PRIVATE") throw new NotCacheable(`${parentType.name}.${name} is private`);
    let fieldMaxAge: number | undefined = hint.maxAge;
    if (fieldMaxAge === undefined && hint.inheritMaxAge) fieldMaxAge = parentMaxAge;
    if (fieldMaxAge === undefined) throw new NotCacheable(`no maxAge for ${parentType.name}.${name}`);
    maxAge = Math.min(maxAge, fieldMaxAge);
    touch(returnType);
    if (node.selectionSet) visitSelections(returnType, node.selectionSet, fieldMaxAge);
  };

  // A named fragment is visited once per parent maxAge (what its fields may inherit): the answer is the same.
  const spread = new Set<string>();
  // Every selection is visited, @skip and @include regardless: the policy holds for any variables.
  const visitSelections = (
    parentType: GraphQLCompositeType,
    selectionSet: SelectionSetNode,
    parentMaxAge: number | undefined,
  ): void => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        visitField(parentType, selection, parentMaxAge);
        continue;
      }
      let fragmentType = parentType;
      let fragmentSelections: SelectionSetNode;
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        fragmentSelections = selection.selectionSet;
        if (selection.typeCondition) fragmentType = typeNamed(selection.typeCondition.name.value);
      } else {
        const fragment = fragments.get(selection.name.value);
        if (!fragment) throw new NotCacheable(`unknown fragment ${selection.name.value}`);
        const visit = `${fragment.name.value}@${parentMaxAge}`;
        if (spread.has(visit)) continue;
        spread.add(visit);
        fragmentSelections = fragment.selectionSet;
        fragmentType = typeNamed(fragment.typeCondition.name.value);
      }
      touch(fragmentType);
      visitSelections(fragmentType, fragmentSelections, parentMaxAge);
    }
  };

  const typeNamed = (name: string): GraphQLCompositeType => {
    const type = schema.getType(name);
    if (!type || !isCompositeType(type)) throw new NotCacheable(`unknown type ${name}`);
    return type;
  };

  try {
    visitSelections(root, operation.selectionSet, undefined);
  } catch (error) {
    if (error instanceof NotCacheable) return { cacheable: false, reason: error.message };
    throw error;
  }
  if (!Number.isFinite(maxAge) || maxAge <= 0) return { cacheable: false, reason: "maxAge 0" };
  touched.delete(root.name);
  return {
    cacheable: true,
    maxAge,
    types: [...touched].filter((name) => isObjectOrAbstract(schema, name)).sort(),
  };
}

function isObjectOrAbstract(schema: GraphQLSchema, name: string): boolean {
  const type = schema.getType(name);
  return isObjectType(type) || isAbstractType(type);
}
