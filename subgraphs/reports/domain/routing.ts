// Routing: location → commune → the service responsible for that category in that commune. A commune-specific rule
// wins; otherwise the category's default service. Without a commune (the directory could not answer), the
// category's default is used and the report is flagged for staff to check.
import type { CategoryRecord } from "./model.ts";

export interface RoutingDecision {
  serviceCode: string;
  needsRouting: boolean;
}

export function routeReport(
  category: Pick<CategoryRecord, "defaultServiceCode">,
  communeInseeCode: string | null,
  ruleFor: (communeInseeCode: string) => string | undefined,
  located: boolean,
): RoutingDecision {
  if (!located || communeInseeCode === null) {
    return { serviceCode: category.defaultServiceCode, needsRouting: true };
  }
  return { serviceCode: ruleFor(communeInseeCode) ?? category.defaultServiceCode, needsRouting: false };
}
