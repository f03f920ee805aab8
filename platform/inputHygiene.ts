// Text a person sends must be text: a NUL byte or a lone UTF-16 surrogate in any string argument or input field is
// refused here, once for every subgraph, as BAD_USER_INPUT — before a resolver or the database sees it (PostgreSQL
// refuses NUL in text with error 22021, which used to surface as an internal error). Only fields that take
// arguments are wrapped, and the check is synchronous: a field's resolver stays as fast as it was.
import { defaultFieldResolver, type GraphQLFieldResolver, type GraphQLSchema, isObjectType } from "graphql";
import { badUserInput } from "./errors.ts";

/** True when a string holds a code point no text field accepts (NUL, or half of a surrogate pair). */
export function hasInvalidCodePoint(text: string): boolean {
  return text.includes("\u0000") || !text.isWellFormed();
}

/** The path of the first invalid string inside an argument value (objects, lists), or null. */
export function findInvalidText(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === "string") return hasInvalidCodePoint(value) ? path : null;
  if (value === null || typeof value !== "object" || depth > 32) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findInvalidText(value[i], `${path}[${i}]`, depth + 1);
      if (found) return found;
    }
    return null;
  }
  for (const [key, item] of Object.entries(value)) {
    if (hasInvalidCodePoint(key)) return path;
    const found = findInvalidText(item, `${path}.${key}`, depth + 1);
    if (found) return found;
  }
  return null;
}

/** Wraps, in place, every field of the schema that takes arguments with the check. */
export function refuseInvalidText(schema: GraphQLSchema): GraphQLSchema {
  for (const [typeName, type] of Object.entries(schema.getTypeMap())) {
    if (typeName.startsWith("__") || !isObjectType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      if (field.args.length === 0) continue;
      const resolve: GraphQLFieldResolver<unknown, unknown> = field.resolve ?? defaultFieldResolver;
      field.resolve = (parent, args, context, info) => {
        for (const [name, value] of Object.entries(args)) {
          const path = findInvalidText(value, name);
          if (path)
            throw badUserInput("Le texte envoyé contient un caractère invalide (NUL ou code non valide).", {
              argument: path.slice(0, 200),
            });
        }
        return resolve(parent, args, context, info);
      };
    }
  }
  return schema;
}
