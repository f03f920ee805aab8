// "Done when", end to end through the gateway: a resident reports a problem with a photo (its EXIF GPS position
// verified gone from the stored file), it is routed to the right service, an agent takes it through to resolved
// with a public note, and the resident follows the public history; nobody else learns who reported.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testJpeg } from "../../harness/testImages.ts";
import { readExif, TAG_ORIENTATION } from "../../subgraphs/reports/domain/photos/exif.ts";
import { appSegments } from "../../subgraphs/reports/domain/photos/jpeg.ts";
import { NEUDORF, POTHOLE, type ReportsPlatform, startReportsPlatform } from "./support.ts";

const CAMERA = { make: "Canon", model: "EOS 250D", orientation: 6, gps: { lat: 48.5734, lon: 7.7521 } };

describe("a resident's report, from photo to resolution", () => {
  let platform: ReportsPlatform;
  let resident: string;
  let agent: string;
  let reportId: string;

  beforeAll(async () => {
    platform = await startReportsPlatform();
    resident = await platform.token("resident");
    agent = await platform.token("agent");
  });
  afterAll(() => platform?.close());

  it("uploads a photo, proposes no duplicate, and submits the report", async () => {
    const upload = await platform.upload(testJpeg({ exif: CAMERA, comment: "Camille" }), resident);
    expect(upload.status).toBe(201);
    expect(upload.json.mediaType).toBe("image/jpeg");

    const similar = await platform.graphql<{ similarReports: unknown[] }>(
      `query($location: GeoPointInput!) { similarReports(categoryCode: "chaussee-degradee", location: $location) { id } }`,
      { location: NEUDORF },
      { token: resident },
    );
    expect(similar.body).toEqual({ data: { similarReports: [] } });

    const { result, errors } = await platform.submit(
      {
        ...POTHOLE(),
        address: "Place du Marché, Neudorf, Strasbourg",
        photoUploadIds: [upload.json.uploadId],
        contact: { phone: "+33 6 00 00 00 01" },
      },
      resident,
    );
    expect(errors).toBeUndefined();
    expect(result).toMatchObject({
      __typename: "ReportSubmitted",
      report: { status: "SUBMITTED" },
      similarReports: [],
    });
    expect(result.trackingToken).toMatch(/^[A-Za-z0-9_-]{24}$/);
    reportId = (result.report as { id: string }).id;
  });

  it("accepts photos far larger than the GraphQL body limit (here 1.5 MB, mostly metadata)", async () => {
    const photo = testJpeg({ width: 4000, height: 3000, exif: CAMERA });
    const comments = Array.from({ length: 24 }, () =>
      Buffer.concat([Buffer.from([0xff, 0xfe, 0xff, 0xff]), Buffer.alloc(0xfffd, 0x41)]),
    );
    const large = Buffer.concat([photo.subarray(0, 2), ...comments, photo.subarray(2)]);
    expect(large.length).toBeGreaterThan(1_500_000);
    const upload = await platform.upload(large, resident, "application/octet-stream");
    expect(upload.status).toBe(201);
    expect(upload.json).toMatchObject({ mediaType: "image/jpeg", width: 4000, height: 3000 });
    expect(upload.json.byteSize).toBeLessThan(photo.length);
  });

  it("routes it to the service responsible for roads in Strasbourg, located in its quartier", async () => {
    const { body } = await platform.graphql<{
      report: {
        responsibleService: { code: string };
        commune: { name: string; inseeCode: string } | null;
        quartier: { name: string } | null;
        viewerIsReporter: boolean;
        expectedResolutionAt: string;
        attributes: { code: string; labels: string[] }[];
      };
    }>(
      `query($id: ID!) { report(id: $id) {
        responsibleService { code name } commune { name inseeCode } quartier { name } viewerIsReporter
        expectedResolutionAt attributes { code labels } } }`,
      { id: reportId },
      { token: resident },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data?.report).toMatchObject({
      responsibleService: { code: "DMEPN" },
      commune: { name: "Strasbourg", inseeCode: "67482" },
      viewerIsReporter: true,
      attributes: [{ code: "taille", labels: ["De 30 cm à 1 m"] }],
    });
    expect(body.data?.report.quartier?.name).toMatch(/Neudorf/);
    // The category's service level: 30 days.
    expect(new Date(body.data?.report.expectedResolutionAt ?? 0).getTime()).toBeGreaterThan(
      Date.now() + 29 * 86_400_000,
    );
  });

  it("stores and serves the photo without its GPS position or camera, still upright", async () => {
    const { body } = await platform.graphql<{ report: { photos: { url: string; width: number }[] } }>(
      `query($id: ID!) { report(id: $id) { photos { url mediaType width height } } }`,
      { id: reportId },
    );
    const [photo] = body.data?.report.photos ?? [];
    expect(photo).toMatchObject({
      url: expect.stringMatching(/\/media\/report-photos\/[0-9a-f-]{36}\.jpg$/),
      width: 32,
    });
    const response = await platform.fetchMedia(photo?.url ?? "");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/jpeg");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    const bytes = Buffer.from(await response.arrayBuffer());
    const exif = appSegments(bytes).find((segment) => segment.marker === 0xe1);
    const tags = exif ? readExif(exif.payload) : null;
    expect(tags?.gps ?? null).toBeNull();
    expect([...(tags?.ifd0.keys() ?? [])]).toEqual([TAG_ORIENTATION]);
    for (const secret of ["Canon", "EOS 250D", "Camille"])
      expect(bytes.includes(Buffer.from(secret))).toBe(false);
  });

  it("puts it in the agent's queue, with the reporter's contact for staff only", async () => {
    const me = await platform.graphql<{ me: { id: string } }>("{ me { id } }", undefined, {
      token: resident,
    });
    const { body } = await platform.graphql<{
      reportQueue: {
        edges: {
          node: {
            id: string;
            needsRouting: boolean;
            reporter: { id: string };
            reporterContact: { phone: string };
          };
        }[];
      };
    }>(
      `{ reportQueue { totalCount edges { node { id needsRouting reporter { id } reporterContact { phone } } } } }`,
      undefined,
      {
        token: agent,
      },
    );
    expect(body.errors).toBeUndefined();
    const node = body.data?.reportQueue.edges.find((edge) => edge.node.id === reportId)?.node;
    expect(node).toEqual({
      id: reportId,
      needsRouting: false,
      reporter: { id: me.body.data?.me.id },
      reporterContact: { phone: "+33 6 00 00 00 01" },
    });
  });

  it("lets the agent take it, acknowledge it, work on it and resolve it with a public note", async () => {
    const me = await platform.graphql<{ me: { id: string } }>("{ me { id } }", undefined, { token: agent });
    const assign = await platform.graphql(
      `mutation($input: AssignReportInput!) { assignReport(input: $input) { __typename ... on ReportAssigned { report { assignee { id } } } } }`,
      { input: { reportId, assigneeId: me.body.data?.me.id } },
      { token: agent },
    );
    expect(assign.body.data).toEqual({
      assignReport: { __typename: "ReportAssigned", report: { assignee: { id: me.body.data?.me.id } } },
    });
    const mine = await platform.graphql<{ reportQueue: { edges: { node: { id: string } }[] } }>(
      `{ reportQueue(assignment: ME) { edges { node { id } } } }`,
      undefined,
      { token: agent },
    );
    expect(mine.body.data?.reportQueue.edges.map((edge) => edge.node.id)).toContain(reportId);

    const change = (input: Record<string, unknown>) =>
      platform.graphql<{ changeReportStatus: { __typename: string; report?: { status: string } } }>(
        `mutation($input: ChangeReportStatusInput!) { changeReportStatus(input: $input) {
          __typename ... on Problem { message } ... on ReportStatusChanged { report { status expectedResolutionAt closedAt } } } }`,
        { input: { reportId, ...input } },
        { token: agent },
      );
    const expected = "2026-12-15T17:00:00.000Z";
    const steps = [
      { status: "ACKNOWLEDGED", note: "Pris en compte par la DMEPN.", expectedResolutionAt: expected },
      { status: "IN_PROGRESS", internalNote: "Équipe voirie secteur sud, bon n° 4411." },
      { status: "RESOLVED", note: "Trou rebouché le 28 novembre.", internalNote: "Enrobé à froid." },
    ];
    for (const step of steps) {
      const { body } = await change(step);
      expect(body.errors).toBeUndefined();
      expect(body.data?.changeReportStatus).toMatchObject({
        __typename: "ReportStatusChanged",
        report: { status: step.status },
      });
    }
    const again = await change({ status: "ACKNOWLEDGED" });
    expect(again.body.data?.changeReportStatus).toMatchObject({ __typename: "InvalidStatusTransition" });

    const visitor = await platform.graphql(
      `mutation($input: ChangeReportStatusInput!) { changeReportStatus(input: $input) { __typename } }`,
      { input: { reportId, status: "REJECTED", reason: "non" } },
      { token: await platform.token("visitor") },
    );
    expect(visitor.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("shows the resident the public history of their report, without anyone's identity", async () => {
    const { body } = await platform.graphql<{
      me: {
        myReports: {
          totalCount: number;
          edges: { node: { id: string; status: string; history: Record<string, unknown>[] } }[];
        };
      };
    }>(
      `{ me { myReports { totalCount edges { node { id status closedAt expectedResolutionAt
        history { kind fromStatus toStatus toService { code } note actor at } } } } } }`,
      undefined,
      { token: resident },
    );
    expect(body.errors).toBeUndefined();
    const report = body.data?.me.myReports.edges[0]?.node;
    expect(body.data?.me.myReports.totalCount).toBe(1);
    expect(report).toMatchObject({
      id: reportId,
      status: "RESOLVED",
      expectedResolutionAt: "2026-12-15T17:00:00.000Z",
    });
    expect(report?.history.map((entry) => [entry.kind, entry.toStatus, entry.note, entry.actor])).toEqual([
      ["SUBMITTED", "SUBMITTED", null, "CITIZEN"],
      ["STATUS_CHANGED", "ACKNOWLEDGED", "Pris en compte par la DMEPN.", "STAFF"],
      ["STATUS_CHANGED", "IN_PROGRESS", null, "STAFF"],
      ["STATUS_CHANGED", "RESOLVED", "Trou rebouché le 28 novembre.", "STAFF"],
    ]);
    expect(report?.history[0]).toMatchObject({ toService: { code: "DMEPN" } });

    const internal = await platform.graphql(
      `query($id: ID!) { report(id: $id) { history { internalNote } } }`,
      { id: reportId },
      { token: resident },
    );
    expect(internal.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const staffView = await platform.graphql<{
      report: { history: { kind: string; internalNote: string | null }[] };
    }>(
      `query($id: ID!) { report(id: $id) { history { kind internalNote } } }`,
      { id: reportId },
      { token: agent },
    );
    expect(staffView.body.data?.report.history.map((entry) => entry.kind)).toContain("ASSIGNED");
    expect(staffView.body.data?.report.history.map((entry) => entry.internalNote)).toContain(
      "Enrobé à froid.",
    );
  });

  it("never shows who reported to the public, nor to other residents", async () => {
    for (const token of [undefined, await platform.token("visitor")]) {
      const { body } = await platform.graphql(
        `query($id: ID!) { report(id: $id) { id viewerIsReporter reporterContact { phone } } }`,
        { id: reportId },
        token ? { token } : {},
      );
      expect(body.errors?.[0]?.extensions?.code).toBe(token ? "FORBIDDEN" : "UNAUTHENTICATED");
      expect(JSON.stringify(body)).not.toContain("+33");
      const visible = await platform.graphql<{ report: { viewerIsReporter: boolean; geoJson: unknown } }>(
        `query($id: ID!) { report(id: $id) { viewerIsReporter geoJson } }`,
        { id: reportId },
        token ? { token } : {},
      );
      expect(visible.body.data?.report.viewerIsReporter).toBe(false);
      expect(JSON.stringify(visible.body.data?.report.geoJson)).not.toMatch(/reporter|\+33|account|contact/i);
    }
  });

  it("recorded one event per status change, for notifications, with pseudonymous ids only", async () => {
    const events = await platform.db.query<{
      type: string;
      subject: string;
      payload: Record<string, unknown>;
    }>(
      `SELECT type, subject, payload FROM reports.outbox_event WHERE subject = $1 ORDER BY occurred_at, id`,
      [`report:${reportId}`],
    );
    const changes = events.filter((event) => event.type === "report.status_changed");
    expect(changes.map((event) => [event.payload.fromStatus, event.payload.toStatus])).toEqual([
      [null, "submitted"],
      ["submitted", "acknowledged"],
      ["acknowledged", "in_progress"],
      ["in_progress", "resolved"],
    ]);
    expect(changes[3]?.payload).toMatchObject({
      note: "Trou rebouché le 28 novembre.",
      serviceCode: "DMEPN",
    });
    expect(JSON.stringify(events)).not.toMatch(/\+33|Camille|Muller|Enrobé/);
  });
});
