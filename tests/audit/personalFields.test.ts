// The declared personal fields (gateway/audit/personalFields.ts) name fields of the composed supergraph: a field
// renamed or moved by a subgraph must be renamed in the list too, or the audit would silently stop seeing it.
import { getNamedType, isInterfaceType, isObjectType } from "graphql";
import { describe, expect, it } from "vitest";
import { PERSONAL_FIELDS } from "../../gateway/audit/personalFields.ts";
import { composedApiSchema } from "../../schema/governance/composedApiSchema.ts";

describe("declared personal fields", () => {
  const schema = composedApiSchema();

  it("each names an existing field of an object or interface type of the API schema", () => {
    const missing = Object.keys(PERSONAL_FIELDS).filter((coordinate) => {
      const [typeName = "", fieldName = ""] = coordinate.split(".");
      const type = schema.getType(typeName);
      return !(type && (isObjectType(type) || isInterfaceType(type)) && type.getFields()[fieldName]);
    });
    expect(missing).toEqual([]);
  });

  it("covers the contact details of the profile types it lists (no field of them left out)", () => {
    for (const typeName of ["AccountProfile", "ReporterContact"]) {
      const type = schema.getType(typeName);
      if (!isObjectType(type)) throw new Error(`${typeName} is not in the supergraph`);
      const scalars = Object.values(type.getFields()).filter(
        (field) => !isObjectType(getNamedType(field.type)),
      );
      expect(
        scalars
          .map((field) => `${typeName}.${field.name}`)
          .filter((coordinate) => !(coordinate in PERSONAL_FIELDS)),
      ).toEqual([]);
    }
  });
});
