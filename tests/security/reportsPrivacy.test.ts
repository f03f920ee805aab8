// Issue 15, item 5, on one reports platform:
// - who may handle a report and read its author's contact details. A report is assigned only to staff of its
//   responsible service (identity says which service an account is staff of) — a citizen or another service's
//   agent is refused with AssigneeNotInService; who reported a report (its reporter account) and the contact details
//   they left are read by the staff of the report's responsible service, moderators and the DPO only, and each read
//   is in the audit trail. An account's
//   MonStrasbourg.eu profile (name, e-mail) is read by the person and the DPO only, whichever path reaches it.
// - photos. A 7000×7000 PNG of about 47 KB (49 MB once decoded: a decompression bomb for whoever displays it) is
//   refused at upload; a PNG carrying free text in ancillary chunks not needed for display (an ICC profile named
//   after a person, text, EXIF, background, physical size…) is served without any of them.
import { randomBytes } from "node:crypto";
import { crc32, deflateSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_PERSONAS, type Persona } from "../../simulators/monstrasbourg/index.ts";
import { chunkTypes, PNG_SIGNATURE } from "../../subgraphs/reports/domain/photos/png.ts";
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

let platform: ReportsPlatform;
beforeAll(async () => {
  platform = await startReportsPlatform({ personas: [...DEFAULT_PERSONAS, CLEANER] });
});
afterAll(() => platform?.close());

describe("reports: assignees and reporters' contact details", () => {
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};
  let reportId: string;

  beforeAll(async () => {
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

  it("shows who reported it (account id, public name) to the same people only", async () => {
    const reporter = async (persona: string) =>
      (
        await platform.graphql<{ report: { reporter: { id: string; displayName: string } | null } }>(
          "query($id: ID!) { report(id: $id) { reporter { id displayName } } }",
          { id: reportId },
          { token: tokens[persona] as string },
        )
      ).body;
    for (const persona of ["agent", "moderator", "dpo"])
      expect((await reporter(persona)).data?.report.reporter?.id, persona).toBe(ids.resident);
    for (const persona of ["cleaner", "resident"]) {
      const refused = await reporter(persona);
      expect(refused.data?.report.reporter ?? null, persona).toBeNull();
      expect(
        refused.errors?.map((e) => e.extensions?.code),
        persona,
      ).toEqual(["FORBIDDEN"]);
      expect(JSON.stringify(refused), persona).not.toContain(ids.resident as string);
    }
    // The reporter finds their own reports in `me.myReports`.
    const own = await platform.graphql<{ me: { myReports: { edges: { node: { id: string } }[] } } }>(
      "{ me { myReports(first: 20) { edges { node { id } } } } }",
      undefined,
      { token: tokens.resident as string },
    );
    expect(own.body.data?.me.myReports.edges.map((e) => e.node.id)).toContain(reportId);
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

  // Outside probe, finding 1: any agent read any account's name and e-mail through `Account.profile`.
  const PROFILE = "profile { givenName familyName email }";
  const read = async (query: string, persona: string, variables: Record<string, unknown> = {}) => {
    tokens.admin ??= await platform.token("admin");
    const { body } = await platform.graphql(query, variables, { token: tokens[persona] as string });
    return {
      body,
      codes: body.errors?.map((e) => e.extensions?.code),
      text: JSON.stringify(body.data ?? null),
    };
  };

  it("shows an account's profile to the person and the DPO only, however the account is reached", async () => {
    const paths: [string, Record<string, unknown>][] = [
      [`query($id: ID!) { report(id: $id) { reporter { id ${PROFILE} } } }`, { id: reportId }],
      [`{ reports(first: 50) { edges { node { id reporter { id ${PROFILE} } } } } }`, {}],
      [`query($id: ID!) { account(id: $id) { id ${PROFILE} } }`, { id: ids.resident }],
    ];
    for (const [query, variables] of paths) {
      for (const persona of ["agent", "cleaner", "moderator", "admin"]) {
        const { codes, text } = await read(query, persona, variables);
        expect(codes?.length, `${persona}: ${query}`).toBeGreaterThan(0);
        expect(new Set(codes)).toEqual(new Set(["FORBIDDEN"]));
        expect(text).not.toMatch(/Muller|@example\.org/);
      }
      const dpo = await read(query, "dpo", variables);
      expect(dpo.codes).toBeUndefined();
      expect(dpo.text).toContain("camille.muller@example.org");
    }
    const own = await read(`{ me { id ${PROFILE} } }`, "resident");
    expect(own.codes).toBeUndefined();
    expect(own.text).toContain("Muller");
    // The reporter stays hidden from citizens (a budget project's or a petition's author is public: id and
    // displayName only, the profile refused as above).
    const citizen = await read(`query($id: ID!) { report(id: $id) { reporter { id } } }`, "resident", {
      id: reportId,
    });
    expect(citizen.codes).toEqual(["FORBIDDEN"]);
    expect(citizen.text).not.toContain(ids.resident as string);
  });

  it("records the DPO's reads of a profile in the audit trail", async () => {
    await read(`query DpoProfile($id: ID!) { account(id: $id) { ${PROFILE} } }`, "dpo", { id: ids.resident });
    const records = await eventually(async () => {
      const found = await auditTrail(platform, tokens.dpo as string, { operationName: "DpoProfile" });
      return found.length >= 1 ? found : undefined;
    });
    expect(records[0]?.actor?.id).toBe(ids.dpo);
  });
});

const u32 = (value: number) => {
  const buffer = Buffer.alloc(4);
  buffer.writeUInt32BE(value >>> 0);
  return buffer;
};

function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  return Buffer.concat([u32(data.length), body, u32(crc32(body))]);
}

/** An 8-bit greyscale PNG of one uniform grey, with the extra chunks given (placed before the image data). */
function greyPng(width: number, height: number, extra: Buffer[] = [], grey = 0x80): Buffer {
  const ihdr = Buffer.concat([u32(width), u32(height), Buffer.from([8, 0, 0, 0, 0])]);
  const row = Buffer.alloc(1 + width, grey);
  row[0] = 0;
  const pixels = Buffer.alloc(row.length * height);
  for (let y = 0; y < height; y++) row.copy(pixels, y * row.length);
  return Buffer.concat([
    PNG_SIGNATURE,
    chunk("IHDR", ihdr),
    ...extra,
    chunk("IDAT", deflateSync(pixels, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

const PERSON = "Camille Muller, 12 rue de Lunéville, 67100 Strasbourg";

describe("report photos", () => {
  let resident: string;
  beforeAll(async () => {
    resident = await platform.token("resident");
  });

  it("refuses a 7000×7000 PNG of about 47 KB (a decompression bomb)", async () => {
    const bomb = greyPng(7000, 7000, [], 0);
    expect(bomb.length).toBeLessThan(50_000);
    const upload = await platform.upload(bomb, resident, "image/png");
    expect(upload.status).toBeGreaterThanOrEqual(400);
    expect(upload.status).toBeLessThan(500);
    expect(upload.json.uploadId).toBeUndefined();
    expect(upload.json.error?.code).toBeTruthy();
    // Padded with 200 KB of random text: the ratio is judged on what is kept, not on the upload (probe finding).
    const afterIhdr = 8 + 25;
    const padded = Buffer.concat([
      bomb.subarray(0, afterIhdr),
      chunk("tEXt", randomBytes(200_000)),
      bomb.subarray(afterIhdr),
    ]);
    const paddedUpload = await platform.upload(padded, resident, "image/png");
    expect(paddedUpload.status).toBe(upload.status);
    expect(paddedUpload.json.error?.code).toBe("TOO_MANY_PIXELS");
  });

  it("accepts an ordinary photo-sized PNG", async () => {
    const upload = await platform.upload(greyPng(640, 480), resident, "image/png");
    expect(upload.status).toBe(201);
  });

  it("serves a PNG without the ancillary chunks not needed for display", async () => {
    const profile = Buffer.concat([
      Buffer.from(`${PERSON}\0`, "latin1").subarray(0, 79),
      Buffer.from([0]),
      deflateSync(Buffer.from(`desc ${PERSON}`, "latin1")),
    ]);
    const png = greyPng(32, 16, [
      chunk("iCCP", Buffer.concat([Buffer.from("Camille Muller\0", "latin1"), Buffer.from([0]), profile])),
      chunk("tEXt", Buffer.from(`Author\0${PERSON}`, "latin1")),
      chunk("zTXt", Buffer.concat([Buffer.from("Comment\0\0", "latin1"), deflateSync(Buffer.from(PERSON))])),
      chunk("iTXt", Buffer.from(`Title\0\0\0fr\0Titre\0${PERSON}`, "utf8")),
      chunk("eXIf", Buffer.from(`MM\0*${PERSON}`, "latin1")),
      chunk("bKGD", Buffer.from([0, 0])),
      chunk("pHYs", Buffer.concat([u32(2835), u32(2835), Buffer.from([1])])),
      chunk("sBIT", Buffer.from([8])),
      chunk("gAMA", u32(45455)),
    ]);
    const upload = await platform.upload(png, resident, "image/png");
    expect(upload.status).toBe(201);
    const submitted = await platform.submit(
      { ...POTHOLE(), photoUploadIds: [upload.json.uploadId] },
      resident,
    );
    const reportId = (submitted.result as unknown as { report: { id: string } }).report.id;
    const { body } = await platform.graphql<{ report: { photos: { url: string }[] } }>(
      "query($id: ID!) { report(id: $id) { photos { url } } }",
      { id: reportId },
    );
    const response = await platform.fetchMedia(body.data?.report.photos[0]?.url ?? "");
    expect(response.status).toBe(200);
    const served = Buffer.from(await response.arrayBuffer());
    expect(chunkTypes(served)).toEqual(["IHDR", "gAMA", "IDAT", "IEND"]);
    expect(served.toString("latin1")).not.toContain("Camille");
  });
});
