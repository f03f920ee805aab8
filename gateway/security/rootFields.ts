// The root fields of an operation, as execution will see them: the one collector every check that looks at root
// fields uses (rate limits on sensitive mutations, the cost exemption of introspection, the root-field limit).
// Looking only at the operation's top-level Field nodes misses `...F` and `... on Mutation { … }`, which is how
// the per-hour limit on signing and voting was bypassed (issue #15, item 2).
//
// Semantics of graphql-js `collectFields`: named fragments and inline fragments are expanded (a named fragment once
// per operation, as graphql-js does), fields are grouped by response key (alias, else name), and every response
// key is one field that will run — `a: castBallot(…) b: castBallot(…)` is two. One deliberate difference:
// `@skip`/`@include` are not evaluated, so a field that could run is always counted (a check may count a skipped
// field, never miss one that runs).
import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";

export interface RootField {
  /** The alias, else the field's name: one entry per key of the response's `data`. */
  responseKey: string;
  /** The schema field (`signPetition`, `__schema`, …). */
  name: string;
  node: FieldNode;
}

export function collectRootFields(document: DocumentNode, operation: OperationDefinitionNode): RootField[] {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const fields = new Map<string, RootField>();
  const visited = new Set<string>();
  const collect = (selectionSet: SelectionSetNode) => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const responseKey = selection.alias?.value ?? selection.name.value;
        if (!fields.has(responseKey))
          fields.set(responseKey, { responseKey, name: selection.name.value, node: selection });
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        collect(selection.selectionSet);
      } else if (!visited.has(selection.name.value)) {
        visited.add(selection.name.value);
        const fragment = fragments.get(selection.name.value);
        if (fragment) collect(fragment.selectionSet);
      }
    }
  };
  collect(operation.selectionSet);
  return [...fields.values()];
}

/** The operation's root fields, with fragments expanded, as the names of the schema fields (one per alias). */
export function rootFieldNames(document: DocumentNode, operation: OperationDefinitionNode): string[] {
  return collectRootFields(document, operation).map((field) => field.name);
}
