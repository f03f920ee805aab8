import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { platformModelFiles, schemaPrismaWithSchemas } from "./platformModels.ts";

const dir = fileURLToPath(new URL(".", import.meta.url));

describe("generated models of the platform's tables", () => {
  it("are committed as generated (run `node prisma/generate.ts` after changing a « platform tables » line)", () => {
    const expected = platformModelFiles(dir);
    const committed = readdirSync(dir).filter((file) => file.endsWith(".platform.prisma"));
    expect(committed.sort()).toEqual([...expected.keys()].sort());
    for (const [file, content] of expected) expect(readFileSync(join(dir, file), "utf8"), file).toBe(content);
  });

  it("declare every subgraph's schema in the datasource (run `node prisma/generate.ts` after adding a Prisma file)", () => {
    const committed = readFileSync(join(dir, "schema.prisma"), "utf8");
    expect(committed).toBe(schemaPrismaWithSchemas(dir));
    expect(committed).toContain('"participation"');
  });

  it("give every subgraph that asks its outbox and ledger models, named after it, in its own schema", () => {
    const budget = platformModelFiles(dir).get("budget.platform.prisma") ?? "";
    for (const model of ["BudgetOutboxEvent", "BudgetLedgerLog", "BudgetLedgerEntry", "BudgetLedgerNode"]) {
      expect(budget).toContain(`model ${model} {`);
    }
    expect(budget.match(/@@schema\("budget"\)/g)).toHaveLength(4);
    expect(platformModelFiles(dir).get("staff.platform.prisma")).not.toContain("OutboxEvent");
  });
});
