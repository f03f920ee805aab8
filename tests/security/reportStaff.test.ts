// Issue 15, item 5: who may handle a report and read its author's contact details. A report is assigned only to
// staff of its responsible service (identity says which service an account is staff of) — a citizen or another
// service's agent is refused with AssigneeNotInService; a reporter's contact details are read by the staff of the
// report's responsible service, moderators and the DPO only, and each read is in the audit trail.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_PERSONAS, type Persona } from "../../simulators/monstrasbourg/index.ts";
import { auditTrail, eventually } from "../audit/support.ts";
import { NEUDORF, POTHOLE, type ReportsPlatform, startReportsPlatform } from "../reports/support.ts";

const agent = DEFAULT_PERSONAS.find((p) => p.key === "agent") as Persona;
/** An agent of another service (the street-cleaning service). */
const CLEANER: Persona = {
  ...agent,
  key: "cleaner",
  uuid: "b7d1c2e3f4a5460789abcdef01234567",
  id: 1099,
  username: "lea.roth",
  firstName: "Léa",
  lastName: "Roth",
  email: "lea.roth@example.org",
  service: "PROPRETE",
};

describe("reports: assignees and reporters' contact details", () => {
  let platform: ReportsPlatform;
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};
  let reportId: string;

  beforeAll(async () => {
    platform = await startReportsPlatform({ personas: [...DEFAULT_PERSONAS, CLEANER] });
    for (const persona of ["resident", "agent", "moderator", "dpo", "cleaner"]) {
      tokens[persona] = await platform.token(persona);
      // Signing in once records the account (and its service) at identity.
      const { body } = await platform.graphql<{ me: { id: string } }>("{ me { id } }", undefined, {
        token: tokens[persona],
      });
      ids[persona] = body.data?.me.id as string;
    }
    const answer = await platform.submit(
      { ...POTHOLE(NEUDORF), contact: { email: "camille.muller@example.org", phone: "+33600000001" } },
      tokens.resident,
    );
    reportId = (answer.result as unknown as { report: { id: string } }).report.id;
  });
  afterAll(() => platform?.close());

  const assign = async (assigneeId: string | null, token = tokens.agent as string) => {
    const { body } = await platform.graphql<{ assignReport: { __typename: string; serviceCode?: string } }>(
      `mutation($input: AssignReportInput!) { assignReport(input: $input) {
        __typename ... on AssigneeNotInService { serviceCode message } } }`,
      { input: { reportId, assigneeId } },
      { token },
    );
    return body.data?.assignReport ?? body.errors;
  };

  it("refuses a citizen, another service's agent and an unknown account as assignee", async () => {
    expect(await assign(ids.resident as string)).toMatchObject({
      __typename: "AssigneeNotInService",
      serviceCode: "DMEPN",
    });
    expect(await assign(ids.cleaner as string)).toMatchObject({ __typename: "AssigneeNotInService" });
    expect(await assign("01900000-0000-7000-8000-000000000000")).toMatchObject({
      __typename: "AssigneeNotInService",
    });
  });

  it("assigns to staff of the report's service, and takes it back", async () => {
    expect(await assign(ids.moderator as string)).toMatchObject({ __typename: "ReportAssigned" });
    expect(await assign(ids.agent as string)).toMatchObject({ __typename: "ReportAssigned" });
    expect(await assign(null)).toMatchObject({ __typename: "ReportAssigned" });
  });

  const contact = async (persona: string) => {
    const { body } = await platform.graphql<{ report: { reporterContact: { email: string } | null } }>(
      "query ReporterContact($id: ID!) { report(id: $id) { reporterContact { email } } }",
      { id: reportId },
      { token: tokens[persona] as string },
    );
    return body;
  };

  it("shows the reporter's contact to the responsible service, moderators and the DPO only", async () => {
    for (const persona of ["agent", "moderator", "dpo"])
      expect((await contact(persona)).data?.report.reporterContact?.email).toBe("camille.muller@example.org");
    const other = await contact("cleaner");
    expect(other.data?.report.reporterContact ?? null).toBeNull();
    expect(other.errors?.map((e) => e.extensions?.code)).toEqual(["FORBIDDEN"]);
    const citizen = await contact("resident");
    expect(citizen.data?.report.reporterContact ?? null).toBeNull();
  });

  it("records each read of the contact in the audit trail", async () => {
    const records = await eventually(async () => {
      const found = await auditTrail(platform, tokens.dpo as string, {
        personalField: "Report.reporterContact",
        operationName: "ReporterContact",
      });
      return found.length >= 3 ? found : undefined;
    });
    expect(new Set(records.map((r) => r.actor?.id))).toEqual(new Set([ids.agent, ids.moderator, ids.dpo]));
  });
});
