// Saved investigations through the gateway: staff only, stored per service, validated, editable by their service,
// the shipped ones by administrators; running a shipped one returns the data it promises; erasure keeps them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveRelativeDates } from "../../gateway/explorer/web/src/relativeDates.ts";
import { accountIdOf } from "../audit/support.ts";
import { type ExplorerPlatform, startExplorerPlatform, submitNeudorfReport } from "./support.ts";

const FIELDS =
  "id name description operation operationName variables service visibility shipped editable createdBy { id }";
const LIST = `query List($filter: InvestigationFilter) { investigations(filter: $filter, first: 100) { edges { node { ${FIELDS} } } pageInfo { hasNextPage endCursor } } }`;
const SAVE = `mutation Save($input: SaveInvestigationInput!) {
  saveInvestigation(input: $input) {
    __typename
    ... on InvestigationSaved { investigation { ${FIELDS} } }
    ... on InvalidInvestigation { message field }
    ... on Problem { message }
  }
}`;
const DELETE = `mutation Delete($id: ID!) { deleteInvestigation(id: $id) { __typename ... on InvestigationDeleted { id } ... on Problem { message } } }`;

interface Investigation {
  id: string;
  name: string;
  operation: string;
  operationName: string | null;
  variables: Record<string, unknown>;
  service: string;
  visibility: string;
  shipped: boolean;
  editable: boolean;
  createdBy: { id: string } | null;
}

describe("saved investigations", () => {
  let platform: ExplorerPlatform;
  let agent: string;
  let admin: string;
  let agentId: string;

  const list = async (token: string, filter: Record<string, unknown> = {}) => {
    const { body } = await platform.graphql<{ investigations: { edges: { node: Investigation }[] } }>(
      LIST,
      { filter },
      { token },
    );
    expect(body.errors).toBeUndefined();
    return body.data?.investigations.edges.map((edge) => edge.node) ?? [];
  };
  const save = async (token: string, input: Record<string, unknown>) => {
    const { body } = await platform.graphql<{
      saveInvestigation: {
        __typename: string;
        investigation?: Investigation;
        field?: string;
        message?: string;
      };
    }>(SAVE, { input }, { token });
    expect(body.errors).toBeUndefined();
    return body.data?.saveInvestigation as {
      __typename: string;
      investigation?: Investigation;
      field?: string;
    };
  };

  beforeAll(async () => {
    platform = await startExplorerPlatform();
    agent = await platform.token("agent");
    admin = await platform.token("admin");
    agentId = await accountIdOf(platform, agent);
  }, 180_000);

  afterAll(async () => {
    await platform?.close();
  });

  it("lists the shipped investigations to every agent, shared and not editable by them", async () => {
    const shipped = (await list(agent)).filter((investigation) => investigation.shipped);
    expect(
      shipped.map((investigation) => investigation.name).sort((a, b) => a.localeCompare(b, "fr")),
    ).toEqual([
      "Pétitions proches d'un seuil",
      "Projets du budget participatif en attente de faisabilité",
      "Signalements d'un quartier sur 30 jours",
    ]);
    expect(
      shipped.every((investigation) => investigation.visibility === "ALL_STAFF" && !investigation.editable),
    ).toBe(true);
    expect(
      (await list(admin)).filter((investigation) => investigation.shipped).every((i) => i.editable),
    ).toBe(true);
  });

  it("is refused to citizens, partners and anonymous callers", async () => {
    const query = "query { investigations { edges { node { id } } } }";
    const resident = await platform.graphql(query, {}, { token: await platform.token("resident") });
    expect(resident.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const partner = await platform.graphql(query, {}, { token: await platform.token("ems-partner") });
    expect(partner.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const anonymous = await platform.graphql(query, {});
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    const mutation = await platform.graphql(
      'mutation { deleteInvestigation(id: "0194b0c2-0000-7000-8000-000000000000") { __typename } }',
      {},
      { token: await platform.token("visitor") },
    );
    expect(mutation.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("saves an investigation of the agent's service, with its variables, and finds it by search", async () => {
    const result = await save(agent, {
      name: "Mes signalements ouverts",
      description: "Signalements encore ouverts, pour le point du lundi.",
      operation:
        "query Ouverts($first: Int) { reports(filter: { status: [SUBMITTED] }, first: $first) { totalCount } }",
      variables: { first: 5 },
    });
    expect(result.__typename).toBe("InvestigationSaved");
    expect(result.investigation).toMatchObject({
      service: "DMEPN",
      visibility: "SERVICE",
      operationName: "Ouverts",
      variables: { first: 5 },
      shipped: false,
      editable: true,
      createdBy: { id: agentId },
    });
    const found = await list(agent, { search: "LUNDI" });
    expect(found.map((investigation) => investigation.name)).toEqual(["Mes signalements ouverts"]);
    const again = await save(agent, { name: "Mes signalements ouverts", operation: "query { me { id } }" });
    expect(again.__typename).toBe("InvestigationNameTaken");
  });

  it("refuses what is not a single read-only operation with declared variables", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [
        { name: "Écriture", operation: "mutation { eraseMyAccount(confirm: true) { __typename } }" },
        "operation",
      ],
      [{ name: "Cassée", operation: "query { me { id " }, "operation"],
      [{ name: "Deux", operation: "query A { me { id } } query B { me { id } }" }, "operation"],
      [{ name: "Variables", operation: "query A { me { id } }", variables: { ghost: 1 } }, "variables"],
      [{ name: "Liste", operation: "query A { me { id } }", variables: [1] }, "variables"],
      [{ name: "X", operation: "query A { me { id } }" }, "name"],
    ];
    for (const [input, field] of cases) {
      const result = await save(agent, input);
      expect({ input, result: result.__typename, field: result.field }).toEqual({
        input,
        result: "InvalidInvestigation",
        field,
      });
    }
  });

  it("lets its service change and delete it; nobody changes a shipped one but an administrator", async () => {
    const created = await save(agent, { name: "À modifier", operation: "query A { me { id } }" });
    const id = created.investigation?.id;
    const updated = await save(agent, {
      id,
      name: "Modifiée",
      operation: "query B { me { id } }",
      visibility: "ALL_STAFF",
    });
    expect(updated.investigation).toMatchObject({
      id,
      name: "Modifiée",
      operationName: "B",
      visibility: "ALL_STAFF",
    });

    const shipped = (await list(agent)).find((investigation) => investigation.shipped);
    const refused = await save(agent, {
      id: shipped?.id,
      name: "Détournée",
      operation: "query { me { id } }",
    });
    expect(refused.__typename).toBe("InvestigationNotFound");
    const deleteShipped = await platform.graphql<{ deleteInvestigation: { __typename: string } }>(
      DELETE,
      { id: shipped?.id },
      { token: agent },
    );
    expect(deleteShipped.body.data?.deleteInvestigation.__typename).toBe("InvestigationNotFound");
    const byAdmin = await save(admin, {
      id: shipped?.id,
      name: shipped?.name,
      description: "Relue par l'administration.",
      operation: shipped?.operation,
      variables: shipped?.variables,
      visibility: "ALL_STAFF",
    });
    expect(byAdmin.__typename).toBe("InvestigationSaved");

    const deleted = await platform.graphql<{ deleteInvestigation: { __typename: string; id: string } }>(
      DELETE,
      { id },
      { token: agent },
    );
    expect(deleted.body.data?.deleteInvestigation).toEqual({ __typename: "InvestigationDeleted", id });
    const gone = await platform.graphql<{ investigation: null }>(
      "query One($id: ID!) { investigation(id: $id) { id } }",
      { id },
      { token: agent },
    );
    expect(gone.body.data?.investigation).toBeNull();
  });

  it("runs the shipped « reports of a quartier » investigation: the resident's new report, with its history", async () => {
    const reportId = await submitNeudorfReport(
      platform,
      "Lampadaire éteint rue de Lunéville depuis trois soirs.",
    );
    const investigation = (await list(agent)).find((candidate) =>
      candidate.name.startsWith("Signalements d'un quartier"),
    );
    if (!investigation) throw new Error("shipped investigation missing");
    const { body } = await platform.graphql<{
      reports: { edges: { node: { id: string; history: { kind: string }[]; quartier: { name: string } } }[] };
    }>(investigation.operation, resolveRelativeDates(investigation.variables) as Record<string, unknown>, {
      token: agent,
    });
    expect(body.errors).toBeUndefined();
    const report = body.data?.reports.edges.find((edge) => edge.node.id === reportId)?.node;
    expect(report?.quartier.name).toMatch(/Neudorf/);
    expect(report?.history.map((entry) => entry.kind)).toContain("SUBMITTED");
  });

  it("forgets its author when the account is erased, and keeps the investigation", async () => {
    const kept = await save(agent, { name: "Conservée", operation: "query A { me { id } }" });
    await platform.client.request(
      "staff",
      "mutation E($id: ID!) { _eraseAccountData(accountId: $id) { pseudonymised } }",
      {
        id: agentId,
      },
    );
    const after = (await list(admin)).find((investigation) => investigation.id === kept.investigation?.id);
    expect(after).toMatchObject({ name: "Conservée", createdBy: null });
  });
});
