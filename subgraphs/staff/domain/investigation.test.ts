import { describe, expect, it } from "vitest";
import { ANONYMOUS, type Caller } from "../../../platform/caller.ts";
import { canEdit, canSee, checkDraft, type InvestigationRecord } from "./investigation.ts";

const staff = (service: string | null, roles: Caller["roles"] = ["citizen", "staff"]): Caller => ({
  ...ANONYMOUS,
  kind: "staff",
  accountId: "0194b0c2-0000-7000-8000-000000000001",
  roles,
  staffService: service,
});

const investigation = (overrides: Partial<InvestigationRecord> = {}): InvestigationRecord => ({
  id: "0194b0c2-0000-7000-8000-000000000002",
  service: "DT",
  name: "Nids-de-poule",
  description: "",
  operation: "query A { me { id } }",
  variables: {},
  visibility: "service",
  seedKey: null,
  createdByAccountId: null,
  updatedByAccountId: null,
  createdAt: new Date(),
  updatedAt: new Date(),
  ...overrides,
});

describe("who sees and changes an investigation", () => {
  it("shows a service's investigation to its agents, a shared one to every agent, none to others", () => {
    expect(canSee(staff("DT"), investigation())).toBe(true);
    expect(canSee(staff("MPC"), investigation())).toBe(false);
    expect(canSee(staff("MPC"), investigation({ visibility: "all_staff" }))).toBe(true);
    expect(canSee(staff(null), investigation())).toBe(false);
    expect(canSee(staff("MPC", ["citizen", "staff", "admin"]), investigation())).toBe(true);
    expect(canSee({ ...ANONYMOUS, kind: "citizen" }, investigation({ visibility: "all_staff" }))).toBe(false);
  });

  it("lets only the owning service change its own, and administrators the shipped ones", () => {
    expect(canEdit(staff("DT"), investigation())).toBe(true);
    expect(canEdit(staff("MPC"), investigation({ visibility: "all_staff" }))).toBe(false);
    expect(canEdit(staff("DT"), investigation({ seedKey: "shipped" }))).toBe(false);
    expect(canEdit(staff("MPC", ["citizen", "staff", "admin"]), investigation({ seedKey: "shipped" }))).toBe(
      true,
    );
  });
});

describe("what may be saved", () => {
  it("accepts one query with its declared variables, fragments included", () => {
    const result = checkDraft({
      name: "  Signalements  ",
      operation:
        "query R($q: ID!) { reports(filter: { quartier: $q }) { ...F } } fragment F on ReportConnection { totalCount }",
      variables: { q: "x" },
    });
    expect(result).toMatchObject({
      ok: true,
      draft: { name: "Signalements", visibility: "service", description: "" },
    });
  });

  it("refuses mutations, subscriptions, several operations, undeclared variables and bad names", () => {
    const refused = (input: Parameters<typeof checkDraft>[0]) => {
      const result = checkDraft(input);
      return result.ok ? "ok" : result.field;
    };
    expect(refused({ name: "abc", operation: "mutation { x }" })).toBe("operation");
    expect(refused({ name: "abc", operation: "subscription { x }" })).toBe("operation");
    expect(refused({ name: "abc", operation: "{ a } { b }" })).toBe("operation");
    expect(refused({ name: "abc", operation: "type T { a: Int } query { a }" })).toBe("operation");
    expect(refused({ name: "abc", operation: "" })).toBe("operation");
    expect(refused({ name: "abc", operation: "query { a }", variables: { b: 1 } })).toBe("variables");
    expect(refused({ name: "abc", operation: "query { a }", variables: "x" })).toBe("variables");
    expect(refused({ name: "ab", operation: "query { a }" })).toBe("name");
    expect(refused({ name: "abc", description: "x".repeat(2001), operation: "query { a }" })).toBe(
      "description",
    );
  });
});
