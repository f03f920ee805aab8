// Operation limits of the public endpoint (@apollo/gateway has none of Apollo Router's): depth, aliases,
// directives and tokens through graphql-armor, root fields through a rule of ours. Error messages never
// disclose a limit: a client learns only that the operation was refused.
import { ApolloArmor } from "@escape.tech/graphql-armor";
import { GraphQLError, type ValidationContext, type ValidationRule } from "graphql";
import type { Config } from "../../platform/config.ts";
import { collectRootFields } from "./rootFields.ts";

export const LIMIT_MESSAGE = "Requête refusée : elle dépasse les limites de la plateforme.";

/** At most `max` fields at the root of an operation (fragments expanded, every alias counted: rootFields.ts). */
export function maxRootFieldsRule(max: number): ValidationRule {
  return (context: ValidationContext) => ({
    OperationDefinition(operation) {
      const count = collectRootFields(context.getDocument(), operation).length;
      if (count > max) context.reportError(new GraphQLError(LIMIT_MESSAGE, { nodes: [operation] }));
    },
  });
}

/** graphql-armor's settings, the same for both engines (ApolloArmor here, EnvelopArmor for Hive Gateway). */
export function armorOptions(config: Config) {
  const hidden = { exposeLimits: false, errorMessage: LIMIT_MESSAGE };
  return {
    maxDepth: { n: config.LIMIT_MAX_DEPTH, ...hidden },
    maxAliases: { n: config.LIMIT_MAX_ALIASES, ...hidden },
    maxDirectives: { n: config.LIMIT_MAX_DIRECTIVES, ...hidden },
    // Tokens are counted by graphql-js itself (Apollo's parseOptions.maxTokens): armor's version answers 500.
    maxTokens: { enabled: false },
    // The cost of an operation depends on its page sizes and on the caller: see costLimit.ts.
    costLimit: { enabled: false },
    // Field suggestions ("Did you mean …?") reveal the schema: off in production, where introspection is too.
    blockFieldSuggestion: { enabled: config.NODE_ENV === "production" },
  };
}

export function operationLimits(config: Config) {
  const armor = new ApolloArmor(armorOptions(config)).protect();
  return {
    plugins: armor.plugins,
    validationRules: [...armor.validationRules, maxRootFieldsRule(config.LIMIT_MAX_ROOT_FIELDS)],
  };
}

/**
 * One message for every refused limit (see the gateway's formatError): graphql-js names the token limit in its
 * parse error, and graphql-armor prefixes ours with "Syntax Error: ".
 */
export function hideLimits<T extends { message: string; extensions?: Record<string, unknown> }>(
  formatted: T,
): T {
  const tokenLimit =
    formatted.extensions?.code === "GRAPHQL_PARSE_FAILED" && /more th\w+ \d+ tokens/i.test(formatted.message);
  if (tokenLimit || (formatted.message !== LIMIT_MESSAGE && formatted.message.includes(LIMIT_MESSAGE))) {
    return { ...formatted, message: LIMIT_MESSAGE };
  }
  return formatted;
}
