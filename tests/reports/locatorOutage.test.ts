// When the directory cannot say where a point is, a report is still accepted — routed by its category alone and
// flagged for staff — never lost; when staff re-route it later, the location is filled in if the directory is back.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestPlatform, type TestPlatform } from "../../harness/platform.ts";
import { callSubgraph } from "../../harness/subgraphCall.ts";
import type { Caller } from "../../platform/caller.ts";
import { InternalCallError, type InternalClient } from "../../platform/internalClient.ts";
import {
  type AnySubgraphModule,
  createSubgraphServer,
  type SubgraphServer,
} from "../../platform/subgraphServer.ts";
import { reports } from "../../subgraphs/reports/server.ts";

const CITIZEN: Caller = {
  kind: "citizen",
  accountId: "8e1c3a55-5a77-8b0c-9d2e-0123456789ab",
  roles: ["citizen"],
  staffService: null,
  partnerClientId: null,
  scopes: [],
  verificationLevel: "email_verified",
  claims: { eurometropoleResident: true, participationPactSigned: true, ageBand: "18_plus" },
};
const AGENT: Caller = {
  ...CITIZEN,
  kind: "staff",
  accountId: "8e1c3a55-5a77-8b0c-9d2e-0123456789ac",
  roles: ["citizen", "staff"],
  staffService: "ECLAIRAGE",
};

describe("reports while the directory is unavailable", () => {
  let platform: TestPlatform;
  let server: SubgraphServer;
  const directory = { up: false, calls: 0 };

  beforeAll(async () => {
    platform = await startTestPlatform();
    // The reports subgraph with an internal client whose directory is down until the test brings it back.
    const internal: InternalClient = {
      personalDataHolders: [],
      async request<T>(subgraph: string): Promise<T> {
        directory.calls++;
        if (!directory.up) throw new InternalCallError(subgraph, ["UNAVAILABLE"], "directory unreachable");
        return {
          communeAt: { id: "01936b2e-0000-7000-8000-00000000c001", inseeCode: "67447", name: "Schiltigheim" },
          quartierAt: null,
        } as T;
      },
    };
    server = await createSubgraphServer(reports as AnySubgraphModule, {
      config: platform.config,
      log: platform.log,
      db: platform.db,
      cache: platform.cache,
      internal,
    });
  });
  afterAll(async () => {
    await server?.apollo.stop();
    await platform?.close();
  });

  const call = (query: string, variables: Record<string, unknown>, caller: Caller) =>
    callSubgraph(server, query, variables, { caller, secret: platform.config.CALLER_SIGNING_SECRET });

  it("accepts the report, routed by category and flagged, and re-routing later locates it", async () => {
    const submitted = await call(
      `mutation($input: SubmitReportInput!) { submitReport(input: $input) { __typename ... on ReportSubmitted { report { id } } } }`,
      {
        input: {
          categoryCode: "eclairage-public",
          location: { lat: 48.6072, lon: 7.7497 },
          description: "Rue éteinte",
          attributes: [{ code: "type_panne", values: ["eteint"] }],
        },
      },
      CITIZEN,
    );
    expect(submitted.body.errors).toBeUndefined();
    const id = (submitted.body.data as { submitReport: { report: { id: string } } }).submitReport.report.id;
    expect(directory.calls).toBeGreaterThanOrEqual(1);

    const staffView = `query($id: ID!) { report(id: $id) { needsRouting commune { id } responsibleService { code }
      history { kind internalNote toService { code } } } }`;
    const before = await call(staffView, { id }, AGENT);
    expect(before.body.data).toEqual({
      report: {
        needsRouting: true,
        commune: null,
        responsibleService: { code: "ECLAIRAGE" },
        history: [
          {
            kind: "SUBMITTED",
            internalNote:
              "Localisation indisponible au dépôt : acheminé selon la catégorie seule, à vérifier.",
            toService: { code: "ECLAIRAGE" },
          },
        ],
      },
    });
    const queue = await call(`{ reportQueue(needsRouting: true) { edges { node { id } } } }`, {}, AGENT);
    expect(queue.body.data).toEqual({ reportQueue: { edges: [{ node: { id } }] } });

    directory.up = true;
    const rerouted = await call(
      `mutation($input: RerouteReportInput!) { rerouteReport(input: $input) { __typename
        ... on ReportRerouted { report { needsRouting commune { id } responsibleService { code } history { kind } } } } }`,
      { input: { reportId: id, serviceCode: "SCHILTIGHEIM-ST", note: "Éclairage communal à Schiltigheim." } },
      AGENT,
    );
    expect(rerouted.body.data).toEqual({
      rerouteReport: {
        __typename: "ReportRerouted",
        report: {
          needsRouting: false,
          commune: { id: "01936b2e-0000-7000-8000-00000000c001" },
          responsibleService: { code: "SCHILTIGHEIM-ST" },
          history: [{ kind: "SUBMITTED" }, { kind: "LOCATED" }, { kind: "REROUTED" }],
        },
      },
    });
  });

  it("routes by the commune once the directory answers", async () => {
    directory.up = true;
    const submitted = await call(
      `mutation($input: SubmitReportInput!) { submitReport(input: $input) { ... on ReportSubmitted { report { responsibleService { code } } } } }`,
      {
        input: {
          categoryCode: "eclairage-public",
          location: { lat: 48.6072, lon: 7.7497 },
          description: "Lampadaire qui clignote",
          attributes: [{ code: "type_panne", values: ["clignote"] }],
        },
      },
      CITIZEN,
    );
    expect(submitted.body.data).toEqual({
      submitReport: { report: { responsibleService: { code: "SCHILTIGHEIM-ST" } } },
    });
  });
});
