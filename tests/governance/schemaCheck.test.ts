// Schema governance: the comparison of `npm run schema:check` on fixture schemas (tests/governance/fixtures), on
// the real pipeline (subgraphs composed into a supergraph, then its API schema), and the changelog it writes.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { composeServices } from "@apollo/composition";
import { buildSchema, parse, print } from "graphql";
import { describe, expect, it } from "vitest";
import { loadConfig, type SubgraphName, subgraphUrl } from "../../platform/config.ts";
import { appendChangelog } from "../../schema/governance/changelog.ts";
import { checkSchema } from "../../schema/governance/check.ts";
import { breaking, compareSchemas } from "../../schema/governance/compare.ts";
import { composedSupergraphSdl } from "../../schema/governance/composedApiSchema.ts";
import { loadSubgraphModules } from "../../subgraphs/registry.ts";

const SUBGRAPHS = await loadSubgraphModules();

const BASELINE = readFileSync(new URL("./fixtures/baseline.graphql", import.meta.url), "utf8");

/** The baseline with one textual edit: each case is a fixture schema derived from the baseline. */
async function changesAfter(edit: (sdl: string) => string) {
  const edited = edit(BASELINE);
  expect(edited).not.toBe(BASELINE);
  return compareSchemas(buildSchema(BASELINE), buildSchema(edited));
}

const remove = (line: RegExp) => (sdl: string) => sdl.replace(line, "");

describe("breaking changes", () => {
  it("fails when a field is removed", async () => {
    const changes = await changesAfter(remove(/ {2}"Description."\n {2}description: String!\n/));
    expect(breaking(changes).map((change) => [change.type, change.path])).toEqual([
      ["FIELD_REMOVED", "Report.description"],
    ]);
  });

  it("passes when the removed field was deprecated in the baseline", async () => {
    const changes = await changesAfter(remove(/ {2}"Ancien libellé[^\n]*\n {2}label: [^\n]*\n/));
    expect(breaking(changes)).toEqual([]);
    expect(changes.find((change) => change.path === "Report.label")).toMatchObject({
      level: "dangerous",
      allowedBecause: expect.stringContaining("déprécié"),
    });
  });

  it("passes a breaking change declared as reviewed (reviewedChanges.ts), saying why, and only that one", async () => {
    const changes = await changesAfter((sdl) =>
      sdl.replace('reports("Nombre." first: Int): [Report!]!', 'reports("Nombre." first: Int): [Report!]'),
    );
    expect(breaking(changes)).toEqual([]);
    expect(changes.find((change) => change.path === "Query.reports")).toMatchObject({
      level: "dangerous",
      allowedBecause: expect.stringContaining("nullable"),
    });
    const unlisted = await changesAfter((sdl) =>
      sdl.replace('reports("Nombre." first: Int): [Report!]!', 'reports("Nombre." first: Int): [String!]'),
    );
    expect(breaking(unlisted).map((change) => change.path)).toEqual(["Query.reports"]);
  });

  it("passes when an optional field or an optional argument is added", async () => {
    const changes = await changesAfter((sdl) =>
      sdl
        .replace('  "Étape."\n  status', '  "Date de dépôt."\n  createdAt: String\n  "Étape."\n  status')
        .replace('reports("Nombre." first: Int)', 'reports("Nombre." first: Int, "Curseur." after: String)'),
    );
    expect(breaking(changes)).toEqual([]);
    expect(changes.map((change) => change.type)).toEqual(
      expect.arrayContaining(["FIELD_ADDED", "FIELD_ARGUMENT_ADDED"]),
    );
  });

  it("fails when an argument is made required, or a required one is added", async () => {
    const required = await changesAfter((sdl) =>
      sdl.replace('"Langue." locale: String)', '"Langue." locale: String!)'),
    );
    expect(breaking(required).map((change) => change.path)).toEqual(["Query.report.locale"]);
    const added = await changesAfter((sdl) =>
      sdl.replace('reports("Nombre." first: Int)', 'reports("Nombre." first: Int, "Filtre." q: String!)'),
    );
    expect(breaking(added).map((change) => change.type)).toEqual(["FIELD_ARGUMENT_ADDED"]);
  });

  it("fails when a field is retyped", async () => {
    const changes = await changesAfter((sdl) =>
      sdl.replace('  id: ID!\n  "Description."', '  id: Int!\n  "Description."'),
    );
    expect(breaking(changes).map((change) => [change.type, change.path])).toEqual([
      ["FIELD_TYPE_CHANGED", "Report.id"],
    ]);
  });

  it("fails when an enum value is removed, unless it was deprecated", async () => {
    const live = await changesAfter(remove(/ {2}"Résolu."\n {2}RESOLVED\n/));
    expect(breaking(live).map((change) => change.path)).toEqual(["ReportStatus.RESOLVED"]);
    const deprecated = await changesAfter(remove(/ {2}"Ancienne étape."\n {2}ARCHIVED[^\n]*\n/));
    expect(breaking(deprecated)).toEqual([]);
  });

  it("passes when a type goes with the deprecated field that was its only use", async () => {
    const changes = await changesAfter((sdl) =>
      remove(/ {2}"Ancienne adresse structurée."\n {2}legacyAddress[^\n]*\n/)(sdl).replace(
        /"Ancienne adresse structurée."\ntype LegacyAddress \{[^}]*\}\n/,
        "",
      ),
    );
    expect(breaking(changes)).toEqual([]);
    expect(changes.map((change) => change.type)).toEqual(
      expect.arrayContaining(["TYPE_REMOVED", "FIELD_REMOVED"]),
    );
  });
});

describe("on the real supergraph", () => {
  /** The platform's subgraphs composed, with one subgraph's SDL edited. */
  function composeWith(name: string, edit: (sdl: string) => string): string {
    const defaults = loadConfig({});
    const result = composeServices(
      SUBGRAPHS.map((module) => ({
        name: module.name,
        url: subgraphUrl(defaults, module.name as SubgraphName),
        typeDefs: module.name === name ? parse(edit(print(module.typeDefs))) : module.typeDefs,
      })),
    );
    if (result.errors) throw new Error(result.errors.map((error) => error.message).join("\n"));
    return result.supergraphSdl;
  }

  it("fails when a subgraph removes a field of the public schema, and passes once it was deprecated first", async () => {
    const current = composedSupergraphSdl();
    const removeAuditLedger = (sdl: string) => sdl.replace(/\n\s*"""\n[^"]*"""\n\s*auditLedger: Ledger/, "");
    const without = composeWith("staff", removeAuditLedger);
    const result = await checkSchema({ sdl: current, label: "test" }, without);
    expect(result.breaking.map((change) => change.path)).toEqual(["Query.auditLedger"]);

    const deprecated = composeWith("staff", (sdl) =>
      sdl.replace("auditLedger: Ledger", 'auditLedger: Ledger @deprecated(reason: "Remplacé.")'),
    );
    expect((await checkSchema({ sdl: deprecated, label: "test" }, without)).breaking).toEqual([]);
  });

  it("writes a changelog section once per schema, in French", async () => {
    const directory = mkdtempSync(join(tmpdir(), "parvis-changelog-"));
    const file = join(directory, "CHANGELOG.md");
    try {
      const before = composeWith("staff", (sdl) =>
        sdl.replace(/\n\s*"""\n[^"]*"""\n\s*auditLedger: Ledger/, ""),
      );
      const after = composedSupergraphSdl();
      const options = {
        baselineSdl: before,
        baselineLabel: "HEAD (test)",
        currentSdl: after,
        file,
        now: new Date("2026-11-28T12:00:00Z"),
      };
      expect(await appendChangelog(options)).toBe(true);
      expect(await appendChangelog(options)).toBe(false);
      const text = readFileSync(file, "utf8");
      expect(text).toContain("# Journal des changements du schéma Parvis");
      expect(text).toContain("## 2026-11-28 — schéma");
      expect(text).toContain("Champ `Query.auditLedger` ajouté.");
      expect(text.match(/<!-- schema:/g)).toHaveLength(1);
      // Work in progress against the same baseline replaces its section; a new baseline adds one.
      const further = composeWith("staff", (sdl) =>
        sdl.replace("auditLedger: Ledger", 'auditLedger: Ledger @deprecated(reason: "Remplacé.")'),
      );
      expect(await appendChangelog({ ...options, currentSdl: further })).toBe(true);
      expect(readFileSync(file, "utf8").match(/<!-- schema:/g)).toHaveLength(1);
      // After a commit (a new baseline), the next change adds a section.
      expect(
        await appendChangelog({
          ...options,
          baselineSdl: further,
          baselineLabel: "HEAD (next)",
          currentSdl: after,
        }),
      ).toBe(true);
      const both = readFileSync(file, "utf8");
      expect(both.match(/<!-- schema:/g)).toHaveLength(2);
      expect(both).toContain("Champ `Query.auditLedger` déprécié.");
      expect(both).toContain("Champ `Query.auditLedger` n'est plus déprécié.");
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
