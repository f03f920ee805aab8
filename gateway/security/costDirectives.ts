// The GraphQL cost directives (IBM's cost specification, as Apollo Router's demand control reads them) declared in
// the subgraphs' SDL and composed into the supergraph (https://specs.apollo.dev/cost/v0.1):
//   @cost(weight:) on a field, an argument or a type; @listSize(assumedSize:, slicingArguments:, sizedFields:) on a
//   field. The public (API) schema the gateway executes against drops them, so they are read here from the
//   supergraph — by the names the supergraph's @link gives them — into a table by "Type.field".
// costEstimator turns the table into a graphql-query-complexity estimator (see costLimit.ts for the model).
import { Supergraph } from "@apollo/federation-internals";
import { type GraphQLField, getNamedType, getNullableType, isListType } from "graphql";
import type { ComplexityEstimator } from "graphql-query-complexity";

const COST_SPEC = "https://specs.apollo.dev/cost";

export interface ListSize {
  assumedSize?: number;
  slicingArguments?: string[];
  sizedFields?: string[];
}

export interface FieldCost {
  weight?: number;
  listSize?: ListSize;
  /** Weights of arguments, charged when the operation gives the argument. */
  argumentWeights?: Record<string, number>;
}

export interface CostDirectives {
  /** By "Type.field". */
  fields: Map<string, FieldCost>;
  /** @cost on a type: the weight of a field returning it (unless the field has its own). */
  types: Map<string, number>;
}

/** Reads the cost directives of a supergraph SDL. A supergraph without the cost feature gives empty tables. */
export function readCostDirectives(supergraphSdl: string): CostDirectives {
  const schema = Supergraph.build(supergraphSdl).schema;
  const result: CostDirectives = { fields: new Map(), types: new Map() };
  const feature = schema.coreFeatures?.getByIdentity(COST_SPEC);
  if (!feature) return result;
  const costName = feature.directiveNameInSchema("cost");
  const listSizeName = feature.directiveNameInSchema("listSize");
  const weightOf = (element: {
    appliedDirectivesOf(name: string): readonly { arguments(): Record<string, unknown> }[];
  }) => {
    const applied = element.appliedDirectivesOf(costName)[0];
    return applied ? Number(applied.arguments().weight) : undefined;
  };

  for (const type of schema.types()) {
    const typeWeight = weightOf(type);
    if (typeWeight !== undefined) result.types.set(type.name, typeWeight);
    if (type.kind !== "ObjectType" && type.kind !== "InterfaceType") continue;
    for (const field of type.fields()) {
      const cost: FieldCost = {};
      const weight = weightOf(field);
      if (weight !== undefined) cost.weight = weight;
      const listSize = field.appliedDirectivesOf(listSizeName)[0]?.arguments() as ListSize | undefined;
      if (listSize) cost.listSize = listSize;
      for (const argument of field.arguments()) {
        const argumentWeight = weightOf(argument);
        if (argumentWeight !== undefined) {
          cost.argumentWeights = { ...cost.argumentWeights, [argument.name]: argumentWeight };
        }
      }
      if (Object.keys(cost).length) result.fields.set(`${type.name}.${field.name}`, cost);
    }
  }
  return result;
}

/**
 * The cost of a field: its weight (@cost on the field, else on its type, else 1) plus the weights of the
 * arguments given, plus its selection's cost times the size of the list it returns. The size is the largest
 * slicing argument given (`first`…), else @listSize's assumedSize, else `defaultListSize` for a list or a paged
 * field asked without its slicing argument (the subgraphs then answer their default page); a field
 * that is not a list but has @listSize (a connection) multiplies its selection the same way, and the lists
 * inside a connection type (its sized fields, `edges`) are not multiplied again.
 */
export function costEstimator(directives: CostDirectives, defaultListSize: number): ComplexityEstimator {
  return ({ type, field, args, childComplexity }) => {
    const definition = field as GraphQLField<unknown, unknown>;
    const declared = directives.fields.get(`${type.name}.${definition.name}`);
    const weight = declared?.weight ?? directives.types.get(getNamedType(definition.type).name) ?? 1;
    let argumentsWeight = 0;
    for (const [name, argumentWeight] of Object.entries(declared?.argumentWeights ?? {})) {
      if (args[name] !== undefined && args[name] !== null) argumentsWeight += argumentWeight;
    }
    const slicing = (declared?.listSize?.slicingArguments ?? ["first"])
      .map((name) => args[name])
      .filter((value): value is number => typeof value === "number" && value >= 0);
    const isList = isListType(getNullableType(definition.type));
    const insideConnection = type.name.endsWith("Connection");
    // A paged field asked without its slicing argument returns the default page, not one item.
    const paged = declared?.listSize?.slicingArguments !== undefined;
    const size = slicing.length
      ? Math.max(...slicing)
      : (declared?.listSize?.assumedSize ?? ((isList && !insideConnection) || paged ? defaultListSize : 1));
    return weight + argumentsWeight + size * childComplexity;
  };
}
