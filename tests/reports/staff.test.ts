// Duplicates ("me too" instead of a new report, staff merges), re-routing with its public trace, queues per
// service with assignment, and the scopes of partner services.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CATHEDRAL, NEUDORF, POTHOLE, type ReportsPlatform, startReportsPlatform } from "./support.ts";

/** 20 m north of NEUDORF: well within the 50 m duplicate radius. */
const NEXT_DOOR = { lat: NEUDORF.lat + 0.00018, lon: NEUDORF.lon };
/** About 300 m away: not a duplicate. */
const FURTHER = { lat: NEUDORF.lat + 0.0027, lon: NEUDORF.lon };

describe("duplicates, supports and merges", () => {
  let platform: ReportsPlatform;
  let resident: string;
  let visitor: string;
  let agent: string;
  let first: string;

  beforeAll(async () => {
    platform = await startReportsPlatform();
    [resident, visitor, agent] = (await Promise.all(
      ["resident", "visitor", "agent"].map((p) => platform.token(p)),
    )) as [string, string, string];
    const { result } = await platform.submit(POTHOLE(), resident);
    first = (result.report as { id: string }).id;
  });
  afterAll(() => platform?.close());

  const similar = async (location: { lat: number; lon: number }, categoryCode = "chaussee-degradee") => {
    const { body } = await platform.graphql<{ similarReports: { id: string }[] }>(
      `query($code: String!, $location: GeoPointInput!) { similarReports(categoryCode: $code, location: $location) { id } }`,
      { code: categoryCode, location },
    );
    return body.data?.similarReports.map((report) => report.id);
  };

  it("proposes open reports of the same category nearby, and only those", async () => {
    expect(await similar(NEXT_DOOR)).toEqual([first]);
    expect(await similar(FURTHER)).toEqual([]);
    expect(await similar(NEXT_DOOR, "tag-graffiti")).toEqual([]);
  });

  it("lets a person say 'me too' once, never on their own report", async () => {
    const support = (token: string, reportId = first) =>
      platform.graphql<{
        supportReport: { __typename: string; report?: { supportCount: number; viewerHasSupported: boolean } };
      }>(
        `mutation($id: ID!) { supportReport(reportId: $id) { __typename ... on Problem { message }
          ... on ReportSupported { report { supportCount viewerHasSupported } } } }`,
        { id: reportId },
        { token },
      );
    expect((await support(visitor)).body.data?.supportReport).toEqual({
      __typename: "ReportSupported",
      report: { supportCount: 1, viewerHasSupported: true },
    });
    expect((await support(visitor)).body.data?.supportReport.__typename).toBe("AlreadySupported");
    expect((await support(resident)).body.data?.supportReport.__typename).toBe("OwnReport");
    const anonymous = await platform.graphql(
      `mutation($id: ID!) { supportReport(reportId: $id) { __typename } }`,
      { id: first },
    );
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    const missing = await support(visitor, "01900000-0000-7000-8000-000000000000");
    expect(missing.body.data?.supportReport.__typename).toBe("ReportNotFound");
  });

  it("keeps the count exact when many people support at once", async () => {
    const people = await Promise.all(["agent", "moderator", "dpo", "admin"].map((p) => platform.token(p)));
    const answers = await Promise.all(
      [...people, ...people].map((token) =>
        platform.graphql<{ supportReport: { __typename: string } }>(
          `mutation($id: ID!) { supportReport(reportId: $id) { __typename } }`,
          { id: first },
          { token },
        ),
      ),
    );
    const kinds = answers.map((answer) => answer.body.data?.supportReport.__typename).sort();
    expect(kinds.filter((kind) => kind === "ReportSupported")).toHaveLength(4);
    expect(kinds.filter((kind) => kind === "AlreadySupported")).toHaveLength(4);
    const [row] = await platform.db.query<{ support_count: number; rows: number }>(
      `SELECT support_count, (SELECT count(*)::int FROM reports.report_support WHERE report_id = $1) AS rows
       FROM reports.report WHERE id = $1`,
      [first],
    );
    expect(row).toEqual({ support_count: 5, rows: 5 });
  });

  it("lets staff merge a duplicate: it closes, and its reporter and supporters join the original", async () => {
    const { result } = await platform.submit(POTHOLE(NEXT_DOOR), visitor);
    const duplicate = (result.report as { id: string }).id;
    expect(result.similarReports).toEqual([{ id: first }]);
    // The resident supports the duplicate too: they reported the original, so they are not counted twice.
    await platform.graphql(
      `mutation($id: ID!) { supportReport(reportId: $id) { __typename } }`,
      { id: duplicate },
      { token: resident },
    );

    const merge = await platform.graphql<{
      mergeReports: {
        __typename: string;
        duplicate: Record<string, unknown>;
        into: { supportCount: number; history: { kind: string }[] };
      };
    }>(
      `mutation($input: MergeReportsInput!) { mergeReports(input: $input) { __typename ... on Problem { message }
        ... on ReportsMerged { duplicate { status duplicateOf { id } closedAt history { toStatus note } }
          into { supportCount history { kind } } } } }`,
      { input: { duplicateId: duplicate, intoId: first, note: "Déjà signalé au même endroit." } },
      { token: agent },
    );
    expect(merge.body.errors).toBeUndefined();
    const merged = merge.body.data?.mergeReports;
    expect(merged?.duplicate).toMatchObject({
      status: "DUPLICATE",
      duplicateOf: { id: first },
      closedAt: expect.any(String),
    });
    // 5 before; the visitor already supported the original; the resident is its reporter: nobody new.
    expect(merged?.into.supportCount).toBe(5);
    expect(merged?.into.history.map((entry) => entry.kind)).toContain("MERGED");

    const again = await platform.graphql<{ mergeReports: { __typename: string } }>(
      `mutation($input: MergeReportsInput!) { mergeReports(input: $input) { __typename } }`,
      { input: { duplicateId: duplicate, intoId: first } },
      { token: agent },
    );
    expect(again.body.data?.mergeReports.__typename).toBe("CannotMerge");
    const self = await platform.graphql<{ mergeReports: { __typename: string } }>(
      `mutation($input: MergeReportsInput!) { mergeReports(input: $input) { __typename } }`,
      { input: { duplicateId: first, intoId: first } },
      { token: agent },
    );
    expect(self.body.data?.mergeReports.__typename).toBe("CannotMerge");
    expect(await similar(NEXT_DOOR)).toEqual([first]);
  });

  it("counts an anonymous duplicate's reporter once in the original", async () => {
    const { result } = await platform.submit({
      categoryCode: "mobilier-urbain",
      location: CATHEDRAL,
      description: "Banc cassé",
    });
    const original = (result.report as { id: string }).id;
    const copy = await platform.submit({
      categoryCode: "mobilier-urbain",
      location: CATHEDRAL,
      description: "Banc",
    });
    expect(copy.result.similarReports).toEqual([{ id: original }]);
    const merge = await platform.graphql<{ mergeReports: { into: { supportCount: number } } }>(
      `mutation($input: MergeReportsInput!) { mergeReports(input: $input) { ... on ReportsMerged { into { supportCount } } } }`,
      { input: { duplicateId: (copy.result.report as { id: string }).id, intoId: original } },
      { token: agent },
    );
    expect(merge.body.data?.mergeReports.into.supportCount).toBe(1);
  });
});

describe("re-routing, queues and assignment", () => {
  let platform: ReportsPlatform;
  let agent: string;
  let admin: string;
  let resident: string;

  beforeAll(async () => {
    platform = await startReportsPlatform();
    [agent, admin, resident] = (await Promise.all(
      ["agent", "admin", "resident"].map((p) => platform.token(p)),
    )) as [string, string, string];
  });
  afterAll(() => platform?.close());

  it("re-routes a report to another service, publicly, and then only that service may act on it", async () => {
    const { result } = await platform.submit(
      { categoryCode: "mobilier-urbain", location: NEUDORF, description: "Abribus : vitre brisée" },
      resident,
    );
    const id = (result.report as { id: string }).id;
    const reroute = (input: Record<string, unknown>, token = agent) =>
      platform.graphql<{
        rerouteReport: { __typename: string; report?: { responsibleService: { code: string } } };
      }>(
        `mutation($input: RerouteReportInput!) { rerouteReport(input: $input) { __typename ... on Problem { message }
          ... on ReportRerouted { report { responsibleService { code } } } } }`,
        { input: { reportId: id, ...input } },
        { token },
      );
    expect((await reroute({ serviceCode: "NOPE" })).body.data?.rerouteReport.__typename).toBe(
      "UnknownService",
    );
    const moved = await reroute({
      serviceCode: "PROPRETE",
      note: "Verre au sol : transmis au service propreté.",
    });
    expect(moved.body.data?.rerouteReport).toEqual({
      __typename: "ReportRerouted",
      report: { responsibleService: { code: "PROPRETE" } },
    });

    const history = await platform.graphql<{
      report: {
        history: {
          kind: string;
          fromService: { code: string } | null;
          toService: { code: string } | null;
          note: string | null;
        }[];
      };
    }>(
      `query($id: ID!) { report(id: $id) { history { kind fromService { code } toService { code } note } } }`,
      { id },
    );
    expect(history.body.data?.report.history.at(-1)).toEqual({
      kind: "REROUTED",
      fromService: { code: "DMEPN" },
      toService: { code: "PROPRETE" },
      note: "Verre au sol : transmis au service propreté.",
    });

    const notMine = await platform.graphql<{
      changeReportStatus: { __typename: string; serviceCode?: string };
    }>(
      `mutation($input: ChangeReportStatusInput!) { changeReportStatus(input: $input) { __typename ... on NotInYourQueue { serviceCode } } }`,
      { input: { reportId: id, status: "ACKNOWLEDGED" } },
      { token: agent },
    );
    expect(notMine.body.data?.changeReportStatus).toEqual({
      __typename: "NotInYourQueue",
      serviceCode: "PROPRETE",
    });
    const dmepn = await platform.graphql<{ reportQueue: { edges: { node: { id: string } }[] } }>(
      "{ reportQueue { edges { node { id } } } }",
      undefined,
      { token: agent },
    );
    expect(dmepn.body.data?.reportQueue.edges.map((edge) => edge.node.id)).not.toContain(id);
    const propreteQueue = await platform.graphql<{ reportQueue: { edges: { node: { id: string } }[] } }>(
      `{ reportQueue(service: "PROPRETE") { edges { node { id } } } }`,
      undefined,
      { token: agent },
    );
    expect(propreteQueue.body.data?.reportQueue.edges.map((edge) => edge.node.id)).toEqual([id]);
    // Administrators act on every service's reports.
    const byAdmin = await platform.graphql<{ changeReportStatus: { __typename: string } }>(
      `mutation($input: ChangeReportStatusInput!) { changeReportStatus(input: $input) { __typename } }`,
      {
        input: {
          reportId: id,
          status: "REDIRECTED",
          reason: "Abribus géré par la CTS",
          note: "Transmis à la CTS.",
        },
      },
      { token: admin },
    );
    expect(byAdmin.body.data?.changeReportStatus.__typename).toBe("ReportStatusChanged");
    expect((await reroute({ serviceCode: "DMEPN" }, admin)).body.data?.rerouteReport.__typename).toBe(
      "ReportClosed",
    );
  });

  it("requires a reason to reject, and shows it", async () => {
    const { result } = await platform.submit(POTHOLE(CATHEDRAL), resident);
    const id = (result.report as { id: string }).id;
    const reject = (reason?: string) =>
      platform.graphql<{
        changeReportStatus: { __typename: string; report?: { status: string; statusReason: string } };
      }>(
        `mutation($input: ChangeReportStatusInput!) { changeReportStatus(input: $input) { __typename
          ... on ReportStatusChanged { report { status statusReason } } } }`,
        { input: { reportId: id, status: "REJECTED", ...(reason ? { reason } : {}) } },
        { token: agent },
      );
    expect((await reject()).body.data?.changeReportStatus.__typename).toBe("ReasonRequired");
    expect(
      (await reject("Voie privée : hors compétence de la collectivité.")).body.data?.changeReportStatus,
    ).toEqual({
      __typename: "ReportStatusChanged",
      report: { status: "REJECTED", statusReason: "Voie privée : hors compétence de la collectivité." },
    });
    const duplicate = await platform.graphql<{ changeReportStatus: { __typename: string } }>(
      `mutation($input: ChangeReportStatusInput!) { changeReportStatus(input: $input) { __typename } }`,
      { input: { reportId: id, status: "DUPLICATE" } },
      { token: agent },
    );
    expect(duplicate.body.data?.changeReportStatus.__typename).toBe("InvalidStatusTransition");
  });

  it("filters the queue by assignment, oldest first", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { result } = await platform.submit({ ...POTHOLE(), description: `Trou ${i}` }, resident);
      ids.push((result.report as { id: string }).id);
    }
    const me = await platform.graphql<{ me: { id: string } }>("{ me { id } }", undefined, { token: agent });
    await platform.graphql(
      `mutation($input: AssignReportInput!) { assignReport(input: $input) { __typename } }`,
      { input: { reportId: ids[1], assigneeId: me.body.data?.me.id } },
      { token: agent },
    );
    const queue = async (assignment: string) => {
      const { body } = await platform.graphql<{ reportQueue: { edges: { node: { id: string } }[] } }>(
        `query($a: QueueAssignment) { reportQueue(assignment: $a, first: 100) { edges { node { id } } } }`,
        { a: assignment },
        { token: agent },
      );
      return body.data?.reportQueue.edges.map((edge) => edge.node.id).filter((id) => ids.includes(id));
    };
    expect(await queue("ANYONE")).toEqual(ids);
    expect(await queue("ME")).toEqual([ids[1]]);
    expect(await queue("UNASSIGNED")).toEqual([ids[0], ids[2]]);
    const citizen = await platform.graphql("{ reportQueue { totalCount } }", undefined, { token: resident });
    expect(citizen.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});

describe("partner services", () => {
  let platform: ReportsPlatform;
  beforeAll(async () => {
    platform = await startReportsPlatform();
  });
  afterAll(() => platform?.close());

  it("reads and submits with reports:read and reports:write, but sees no reporter", async () => {
    const partner = await platform.token("ems-partner");
    const { result, errors } = await platform.submit(
      {
        categoryCode: "depot-sauvage",
        location: NEUDORF,
        description: "Dépôt",
        attributes: [{ code: "volume", values: ["sac"] }],
      },
      partner,
    );
    expect(errors).toBeUndefined();
    expect(result.__typename).toBe("ReportSubmitted");
    const read = await platform.graphql<{ reports: { totalCount: number } }>(
      "{ reports { totalCount } }",
      undefined,
      {
        token: partner,
      },
    );
    expect(read.body.data?.reports.totalCount).toBe(1);
    const contact = await platform.graphql(
      "{ reports { edges { node { reporterContact { email } } } } }",
      undefined,
      {
        token: partner,
      },
    );
    expect(contact.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("refuses both without the scopes", async () => {
    const scoped = await platform.simulator.issuePartnerToken("ems-partner", "directory:write");
    const read = await platform.graphql("{ reports { totalCount } }", undefined, { token: scoped });
    expect(read.body.errors?.[0]).toMatchObject({
      extensions: { code: "FORBIDDEN" },
      message: expect.stringContaining("reports:read"),
    });
    const write = await platform.submit({ ...POTHOLE(), categoryCode: "mobilier-urbain" }, scoped);
    expect(write.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const support = await platform.graphql(
      `mutation { supportReport(reportId: "01900000-0000-7000-8000-000000000000") { __typename } }`,
      undefined,
      { token: await platform.token("ems-partner") },
    );
    expect(support.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});
