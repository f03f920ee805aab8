// Spans per resolver group that does I/O: the root fields of a subgraph (Query, Mutation — `_entities` among them,
// where entity references are resolved in batches). Nested fields read what their root loaded or go through
// DataLoaders, whose SQL statements get spans of their own; a span per field would cost more than it tells.
// Applied only when tracing is on when the schema is built: off, the schema is returned untouched.
import { defaultFieldResolver, type GraphQLSchema } from "graphql";
import { tracingEnabled, withSpan } from "./tracing.ts";

export function traceRootFields(schema: GraphQLSchema): GraphQLSchema {
  if (!tracingEnabled()) return schema;
  for (const type of [schema.getQueryType(), schema.getMutationType()]) {
    if (!type) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve = field.resolve ?? defaultFieldResolver;
      const name = `resolve ${type.name}.${field.name}`;
      const attributes = { "graphql.field.name": field.name, "graphql.field.parent_type": type.name };
      field.resolve = (source, args, contextValue, info) =>
        tracingEnabled()
          ? withSpan(name, { attributes }, async () => resolve(source, args, contextValue, info))
          : resolve(source, args, contextValue, info);
    }
  }
  return schema;
}
