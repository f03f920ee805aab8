// graphql-shield, loaded so that it runs on Node 24. Its last release (7.6.5) imports `util.isUndefined`, which
// Node 23 removed (maticzav/graphql-shield#1561): the ESM build fails to link. The CommonJS build reads the
// function when a rule is evaluated, so restoring it on `util` and requiring that build is enough.
import { createRequire } from "node:module";
import util from "node:util";

if (!("isUndefined" in util)) {
  Object.defineProperty(util, "isUndefined", { value: (value: unknown) => value === undefined });
}

const require = createRequire(import.meta.url);
const shieldModule = require("graphql-shield") as typeof import("graphql-shield");
// Shield's middleware generator must come from the same module instance graphql-middleware checks it against,
// so graphql-middleware is taken from its CommonJS build too.
const middlewareModule = require("graphql-middleware") as typeof import("graphql-middleware");

export const { allow, and, chain, deny, not, or, rule, shield } = shieldModule;
export const { applyMiddleware } = middlewareModule;
export type { IRules } from "graphql-shield";
