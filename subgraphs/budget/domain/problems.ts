// Expected business outcomes. A command returns either its success or one problem; the resolver turns the
// problem into the GraphQL problem type of the same name (which implements `Problem`). Messages are French.

export interface Problem<Name extends string = string> {
  problem: Name;
  message: string;
  [detail: string]: unknown;
}

export function problem<Name extends string>(
  name: Name,
  message: string,
  details: Record<string, unknown> = {},
): Problem<Name> {
  return { ...details, problem: name, message };
}

export function isProblem(value: unknown): value is Problem {
  return typeof value === "object" && value !== null && typeof (value as Problem).problem === "string";
}

/** Formats cents as euros for messages ("100 000 €"). */
export function euros(cents: number): string {
  const value = cents / 100;
  return `${value.toLocaleString("fr-FR", { maximumFractionDigits: 2 })} €`;
}
