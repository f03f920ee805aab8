// The erasure convention: when an account is erased, its reports stay (public, counted) but can no longer be
// linked to the person; the contact details they left are deleted; their "me too" still counts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { subgraphsHoldingPersonalData } from "../../subgraphs/registry.ts";
import { CATHEDRAL, NEUDORF, POTHOLE, type ReportsPlatform, startReportsPlatform } from "./support.ts";

describe("erasure of a reporter's account", () => {
  let platform: ReportsPlatform;
  beforeAll(async () => {
    platform = await startReportsPlatform();
  });
  afterAll(() => platform?.close());

  it("declares the reports subgraph as holding personal data", () => {
    expect(subgraphsHoldingPersonalData()).toContain("reports");
  });

  it("keeps the reports and counts, unlinks the person and deletes the contact", async () => {
    const visitor = await platform.token("visitor");
    const resident = await platform.token("resident");
    const agent = await platform.token("agent");
    const me = await platform.graphql<{ me: { id: string } }>("{ me { id } }", undefined, { token: visitor });
    const accountId = me.body.data?.me.id as string;

    const own = await platform.submit(
      { ...POTHOLE(), contact: { email: "lucas@example.org", phone: "0600000002" } },
      visitor,
    );
    const ownId = (own.result.report as { id: string }).id;
    const other = await platform.submit(POTHOLE(CATHEDRAL), resident);
    const otherId = (other.result.report as { id: string }).id;
    await platform.graphql(
      `mutation($id: ID!) { supportReport(reportId: $id) { __typename } }`,
      { id: otherId },
      { token: visitor },
    );

    // The convention's mutation, as the platform's erasure job calls it on every subgraph holding personal data.
    const erase = async () =>
      (
        await platform.client.request<{ _eraseAccountData: unknown }>(
          "reports",
          "mutation($id: ID!) { _eraseAccountData(accountId: $id) { subgraph erased pseudonymised } }",
          { id: accountId },
        )
      )._eraseAccountData;
    const namingEvents = async () =>
      (
        await platform.db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM reports.outbox_event WHERE payload->>'reporterAccountId' = $1`,
          [accountId],
        )
      )[0]?.n;
    const events = (await namingEvents()) as number;
    expect(events).toBeGreaterThan(0);
    // Contact: erased. Own report, the support and the events naming the reporter: pseudonymised.
    expect(await erase()).toEqual({ subgraph: "reports", erased: 1, pseudonymised: 2 + events });
    expect(await namingEvents()).toBe(0);

    const staffView = await platform.graphql<{
      report: { reporter: unknown; reporterContact: unknown; status: string };
    }>(
      `query($id: ID!) { report(id: $id) { status reporter { id } reporterContact { email } } }`,
      { id: ownId },
      { token: agent },
    );
    expect(staffView.body.data?.report).toEqual({
      status: "SUBMITTED",
      reporter: null,
      reporterContact: null,
    });
    const counted = await platform.graphql<{
      report: { supportCount: number };
      reports: { totalCount: number };
    }>(
      `query($id: ID!) { report(id: $id) { supportCount } reports(filter: { near: { lat: ${NEUDORF.lat}, lon: ${NEUDORF.lon}, radiusMeters: 3000 } }) { totalCount } }`,
      { id: otherId },
    );
    expect(counted.body.data).toEqual({ report: { supportCount: 1 }, reports: { totalCount: 2 } });

    const rows = await platform.db.query<Record<string, unknown>>(
      `SELECT (SELECT count(*)::int FROM reports.report WHERE reporter_account_id = $1) AS reports,
              (SELECT count(*)::int FROM reports.report_support WHERE account_id = $1) AS supports,
              (SELECT count(*)::int FROM reports.report_contact WHERE email LIKE 'lucas%') AS contacts`,
      [accountId],
    );
    expect(rows[0]).toEqual({ reports: 0, supports: 0, contacts: 0 });

    expect(await erase()).toEqual({ subgraph: "reports", erased: 0, pseudonymised: 0 });

    const publicCall = await platform.graphql(
      `mutation($id: ID!) { _eraseAccountData(accountId: $id) { erased } }`,
      { id: accountId },
      { token: await platform.token("admin") },
    );
    expect(publicCall.body.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
  });

  it("deletes reporters' contact details some time after their report was closed (retention rule)", async () => {
    const resident = await platform.token("resident");
    const agent = await platform.token("agent");
    const submit = async () => {
      const { result } = await platform.submit({ ...POTHOLE(), contact: { phone: "0600000003" } }, resident);
      return (result.report as { id: string }).id;
    };
    const [closedLongAgo, closedRecently, open] = [await submit(), await submit(), await submit()];
    for (const id of [closedLongAgo, closedRecently]) {
      await platform.graphql(
        `mutation($input: ChangeReportStatusInput!) { changeReportStatus(input: $input) { __typename } }`,
        { input: { reportId: id, status: "RESOLVED", note: "Réparé." } },
        { token: agent },
      );
    }
    await platform.db.query(
      "UPDATE reports.report SET closed_at = now() - interval '181 days' WHERE id = $1",
      [closedLongAgo],
    );
    const { _applyRetention: applied } = await platform.client.request<{ _applyRetention: unknown[] }>(
      "reports",
      "mutation { _applyRetention { subgraph rule removed } }",
    );
    expect(applied).toEqual([
      { subgraph: "reports", rule: "reporter_contacts_180_days_after_closure", removed: 1 },
    ]);
    const left = await platform.db.query<{ report_id: string }>(
      "SELECT report_id FROM reports.report_contact WHERE report_id = ANY($1::uuid[]) ORDER BY report_id",
      [[closedLongAgo, closedRecently, open]],
    );
    expect(left.map((row) => row.report_id)).toEqual([closedRecently, open].sort());
  });
});
