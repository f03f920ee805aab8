// Documentation in the schema: what of the public (API) schema has no description. Used by
// tests/governance/descriptions.test.ts; `node schema/governance/documentation.ts` lists it for the composed supergraph.
import { fileURLToPath } from "node:url";
import {
  type GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isSpecifiedScalarType,
} from "graphql";

export const described = (element: { description?: string | null | undefined }) =>
  (element.description ?? "").trim() !== "";

/** Schema coordinates of everything without a description. */
export function undocumented(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith("__") || isSpecifiedScalarType(type)) continue;
    if (!described(type)) missing.push(type.name);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (!described(field)) missing.push(`${type.name}.${field.name}`);
        for (const arg of field.args)
          if (!described(arg)) missing.push(`${type.name}.${field.name}(${arg.name}:)`);
      }
    }
    if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields()))
        if (!described(field)) missing.push(`${type.name}.${field.name}`);
    }
    if (isEnumType(type)) {
      for (const value of type.getValues()) if (!described(value)) missing.push(`${type.name}.${value.name}`);
    }
  }
  return missing.sort();
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { composedApiSchema } = await import("./composedApiSchema.ts");
  const missing = undocumented(composedApiSchema());
  console.log(missing.length ? missing.join("\n") : "Tout est décrit.");
  process.exit(missing.length ? 1 : 0);
}
