// The comparison behind `npm run schema:check` and the schema changelog: @graphql-inspector/core's diff of two API
// schemas, with the platform's deprecation rule — removing a field, an argument, an input field or an enum value is
// allowed only when the baseline had deprecated it (a client had the deprecation notice to move away), and removing
// a type only when every place the baseline used it was deprecated. Everything else the inspector classes as
// breaking (removed or retyped field, argument added as required or made required, removed union member…) fails,
// unless it is one of the deliberate, reviewed changes of reviewedChanges.ts.
import { type Change, ChangeType, CriticalityLevel, diff } from "@graphql-inspector/core";
import {
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLSchema,
  type GraphQLType,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isUnionType,
} from "graphql";
import { reviewedReason } from "./reviewedChanges.ts";

export type Level = "breaking" | "dangerous" | "safe";

export interface SchemaChange {
  level: Level;
  type: string;
  /** Schema coordinate of what changed (Type.field, Type.field.argument…), when there is one. */
  path: string | null;
  message: string;
  /** Why a removal is allowed (deprecated in the baseline). */
  allowedBecause?: string;
}

const isDeprecated = (element: { deprecationReason?: string | null | undefined } | undefined) =>
  element?.deprecationReason !== undefined && element?.deprecationReason !== null;

/** Was the removed element deprecated in the baseline? Returns the reason when it was. */
function deprecatedInBaseline(change: Change, old: GraphQLSchema): string | undefined {
  const [typeName = "", member = "", argument = ""] = (change.path ?? "").split(".");
  const type = old.getType(typeName);
  switch (change.type) {
    case ChangeType.FieldRemoved: {
      const field = isObjectType(type) || isInterfaceType(type) ? type.getFields()[member] : undefined;
      return isDeprecated(field) ? `champ déprécié (${field?.deprecationReason})` : undefined;
    }
    case ChangeType.FieldArgumentRemoved: {
      const field = isObjectType(type) || isInterfaceType(type) ? type.getFields()[member] : undefined;
      const arg = field?.args.find((candidate) => candidate.name === argument);
      return isDeprecated(arg) || isDeprecated(field) ? "argument déprécié" : undefined;
    }
    case ChangeType.InputFieldRemoved: {
      const field = isInputObjectType(type) ? type.getFields()[member] : undefined;
      return isDeprecated(field) ? `champ d'entrée déprécié (${field?.deprecationReason})` : undefined;
    }
    case ChangeType.EnumValueRemoved: {
      const value = (isEnumType(type) ? type.getValue(member) : undefined) ?? undefined;
      return isDeprecated(value) ? `valeur dépréciée (${value?.deprecationReason})` : undefined;
    }
    case ChangeType.TypeRemoved:
      return onlyUsedWhereDeprecated(old, typeName)
        ? "type utilisé seulement par des champs dépréciés"
        : undefined;
    default:
      return undefined;
  }
}

/** True when every use of the type in the schema is a deprecated field, argument or input field. */
function onlyUsedWhereDeprecated(schema: GraphQLSchema, typeName: string): boolean {
  let used = false;
  const uses = (typed: { type: GraphQLType }) => getNamedType(typed.type).name === typeName;
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith("__")) continue;
    if (isUnionType(type) && type.getTypes().some((member) => member.name === typeName)) return false;
    if (
      (isObjectType(type) || isInterfaceType(type)) &&
      type.getInterfaces().some((i) => i.name === typeName)
    ) {
      return false;
    }
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields()) as (
        | GraphQLField<unknown, unknown>
        | GraphQLInputField
      )[]) {
        if (uses(field)) {
          used = true;
          if (!isDeprecated(field)) return false;
        }
        for (const arg of "args" in field ? field.args : []) {
          if (uses(arg)) {
            used = true;
            if (!isDeprecated(arg) && !isDeprecated(field)) return false;
          }
        }
      }
    }
  }
  return used;
}

const LEVELS: Record<CriticalityLevel, Level> = {
  [CriticalityLevel.Breaking]: "breaking",
  [CriticalityLevel.Dangerous]: "dangerous",
  [CriticalityLevel.NonBreaking]: "safe",
};

export async function compareSchemas(old: GraphQLSchema, current: GraphQLSchema): Promise<SchemaChange[]> {
  const changes = await diff(old, current);
  return changes.map((change) => {
    const level = LEVELS[change.criticality.level];
    const allowedBecause =
      level === "breaking"
        ? (deprecatedInBaseline(change, old) ??
          reviewedReason({
            path: change.path ?? null,
            type: change.type,
            meta: change.meta as { oldFieldType?: unknown; newFieldType?: unknown },
          }))
        : undefined;
    return {
      level: allowedBecause ? "dangerous" : level,
      type: change.type,
      path: change.path ?? null,
      message: change.message,
      ...(allowedBecause ? { allowedBecause } : {}),
    };
  });
}

export const breaking = (changes: readonly SchemaChange[]) =>
  changes.filter((change) => change.level === "breaking");
