// Which personal fields a response actually contains. Two steps:
//  1. a plan, made once per (schema, document, operation) and cached: the operation is walked against the API schema
//     with graphql-js's TypeInfo (so aliases, fragments and abstract types resolve to the schema's types), keeping
//     only the selections that are, or lead to, a declared personal field — the rest of the response is never read;
//  2. the response data is walked along that plan, counting the non-null values of the personal fields. A field
//     selected but null or absent (denied, not found) is not counted: the audit records what was returned.
// Where the runtime type of an abstract position cannot be known (no __typename in the response), every fragment
// that could apply is walked and every possible type's coordinate counts: the audit may then over-report, never
// under-report.
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLNamedType,
  type GraphQLSchema,
  getNamedType,
  isAbstractType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  TypeInfo,
} from "graphql";

type Json = unknown;

interface FieldStep {
  kind: "field";
  /** Response key (alias or name). */
  key: string;
  name: string;
  parent: GraphQLCompositeType;
  /** Personal coordinates this field may stand for (several when its parent is abstract). */
  coordinates: string[];
  children: Step[];
}

interface FragmentStep {
  kind: "fragment";
  condition: GraphQLNamedType | undefined;
  children: Step[];
}

type Step = FieldStep | FragmentStep;

const plans = new WeakMap<
  ReadonlySet<string>,
  WeakMap<GraphQLSchema, WeakMap<OperationDefinitionNode, Step[]>>
>();

function planOf(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  personal: ReadonlySet<string>,
): Step[] {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const typeInfo = new TypeInfo(schema);
  const spreading: string[] = [];

  const coordinatesOf = (parent: GraphQLCompositeType, field: string) => {
    const names = [
      parent.name,
      ...(isAbstractType(parent) ? schema.getPossibleTypes(parent).map((type) => type.name) : []),
    ];
    return names.map((name) => `${name}.${field}`).filter((coordinate) => personal.has(coordinate));
  };

  function stepsOf(selectionSet: SelectionSetNode): Step[] {
    typeInfo.enter(selectionSet);
    const steps: Step[] = [];
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        typeInfo.enter(selection);
        const parent = typeInfo.getParentType();
        if (parent && !selection.name.value.startsWith("__")) {
          const coordinates = coordinatesOf(parent, selection.name.value);
          const children = selection.selectionSet ? stepsOf(selection.selectionSet) : [];
          if (coordinates.length > 0 || children.length > 0) {
            steps.push({
              kind: "field",
              key: selection.alias?.value ?? selection.name.value,
              name: selection.name.value,
              parent,
              coordinates,
              children,
            });
          }
        }
        typeInfo.leave(selection);
        continue;
      }
      const fragment =
        selection.kind === Kind.INLINE_FRAGMENT ? selection : fragments.get(selection.name.value);
      // Validation forbids fragment cycles; the guard keeps a malformed document from looping here anyway.
      if (!fragment || (selection.kind === Kind.FRAGMENT_SPREAD && spreading.includes(selection.name.value)))
        continue;
      if (selection.kind === Kind.FRAGMENT_SPREAD) spreading.push(selection.name.value);
      typeInfo.enter(fragment);
      const condition = getNamedType(typeInfo.getType()) ?? undefined;
      const children = stepsOf(fragment.selectionSet);
      typeInfo.leave(fragment);
      if (selection.kind === Kind.FRAGMENT_SPREAD) spreading.pop();
      if (children.length > 0) steps.push({ kind: "fragment", condition, children });
    }
    typeInfo.leave(selectionSet);
    return steps;
  }

  typeInfo.enter(operation);
  const steps = stepsOf(operation.selectionSet);
  typeInfo.leave(operation);
  return steps;
}

function cachedPlan(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  personal: ReadonlySet<string>,
): Step[] {
  const bySchema =
    plans.get(personal) ?? new WeakMap<GraphQLSchema, WeakMap<OperationDefinitionNode, Step[]>>();
  plans.set(personal, bySchema);
  const byOperation = bySchema.get(schema) ?? new WeakMap<OperationDefinitionNode, Step[]>();
  bySchema.set(schema, byOperation);
  const steps = byOperation.get(operation) ?? planOf(schema, document, operation, personal);
  byOperation.set(operation, steps);
  return steps;
}

export function collectPersonalFields(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  data: Json,
  personal: ReadonlySet<string>,
): Map<string, number> {
  const found = new Map<string, number>();
  if (data === null || typeof data !== "object") return found;
  // Apollo Server keeps parsed documents in its cache: a repeated operation reuses its plan.
  const steps = cachedPlan(schema, document, operation, personal);

  /** Whether a fragment's type condition can apply to an object of the response. */
  const applies = (condition: GraphQLNamedType | undefined, value: Record<string, Json>): boolean => {
    const typename = value.__typename;
    if (!condition || typeof typename !== "string" || condition.name === typename) return true;
    const runtime = schema.getType(typename);
    return (
      isAbstractType(condition) &&
      runtime !== undefined &&
      "getInterfaces" in runtime &&
      schema.isSubType(condition, runtime)
    );
  };

  const walk = (plan: Step[], value: Record<string, Json>) => {
    for (const step of plan) {
      if (step.kind === "fragment") {
        if (applies(step.condition, value)) walk(step.children, value);
        continue;
      }
      const fieldValue = value[step.key];
      if (fieldValue === undefined || fieldValue === null) continue;
      let coordinates = step.coordinates;
      // Knowing the runtime type narrows the candidates of an abstract parent.
      if (isAbstractType(step.parent) && typeof value.__typename === "string") {
        const exact = [`${step.parent.name}.${step.name}`, `${value.__typename}.${step.name}`];
        coordinates = coordinates.filter((coordinate) => exact.includes(coordinate));
      }
      if (coordinates.length > 0) {
        const count = countValues(fieldValue);
        for (const coordinate of coordinates) found.set(coordinate, (found.get(coordinate) ?? 0) + count);
      }
      if (step.children.length > 0) forEachObject(fieldValue, (object) => walk(step.children, object));
    }
  };
  walk(steps, data as Record<string, Json>);
  return found;
}

/** Non-null leaves or objects in a value that may be a (nested) list. */
function countValues(value: Json): number {
  if (value === null || value === undefined) return 0;
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + countValues(item), 0);
  return 1;
}

function forEachObject(value: Json, visit: (object: Record<string, Json>) => void): void {
  if (Array.isArray(value)) {
    for (const item of value) forEachObject(item, visit);
  } else if (value !== null && typeof value === "object") {
    visit(value as Record<string, Json>);
  }
}
