// GDPR rights across the supergraph: a citizen who signed a petition, wrote one, submitted a report with a photo and
// contact details, supported another, and follows a petition and a quartier finds all of it in `exportMyData` — and
// nothing of another citizen's. Nobody can fetch someone else's export part by naming their account to a subgraph,
// and export and erasure requests are recorded in the DPO's audit trail.
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callSubgraph } from "../../harness/subgraphCall.ts";
import { testJpeg } from "../../harness/testImages.ts";
import { type Caller, signInProcessCall } from "../../platform/caller.ts";
import { InternalCallError } from "../../platform/internalClient.ts";
import { canonicalJson } from "../../platform/ledger/index.ts";
import {
  type AnySubgraphModule,
  createSubgraphServer,
  type SubgraphServer,
} from "../../platform/subgraphServer.ts";
import { notifications } from "../../subgraphs/notifications/server.ts";
import { petitions } from "../../subgraphs/petitions/server.ts";
import { subgraphsHoldingPersonalData } from "../../subgraphs/registry.ts";
import { reports } from "../../subgraphs/reports/server.ts";
import {
  directPetitions,
  key,
  petitionInput,
  preparePetition,
  SIGN,
  resident as testResident,
} from "../petitions/support.ts";
import {
  CATHEDRAL,
  NEUDORF,
  POTHOLE,
  type ReportsPlatform,
  startReportsPlatform,
} from "../reports/support.ts";

const PARTS = "identity petitions reports notifications budget directory staff comments participation";
const EXPORT = /* GraphQL */ `mutation Export { exportMyData { __typename
  ... on PersonalDataExport { accountId ${PARTS} }
  ... on Problem { message } } }`;
const ERASE = /* GraphQL */ `mutation Erase { eraseMyAccount(confirm: true) { __typename
  ... on AccountErased { erasures { subgraph erased pseudonymised } }
  ... on ErasureIncomplete { pendingSubgraphs } } }`;
const TRAIL = /* GraphQL */ `query Trail($filter: AuditTrailFilter) {
  auditTrail(filter: $filter, first: 100) { edges { node {
    id actorKind actor { id } staffService operationName operationType documentHash variablesHash personalFields
    personalValueCount requestId intact
  } } } }`;

// biome-ignore lint/suspicious/noExplicitAny: the export is JSON, read field by field.
type Json = any;
interface TrailRecord {
  id: string;
  actorKind: string;
  actor: { id: string } | null;
  staffService: string | null;
  operationName: string;
  operationType: string;
  documentHash: string;
  personalFields: string[];
  personalValueCount: number;
  intact: boolean;
}

const CONTACT = { firstName: "Camille", lastName: "Muller", email: "camille.export@example.org" };
const OTHER_CONTACT = { email: "lucas.autre@example.org", phone: "0600000099" };

describe("exportMyData gathers every subgraph's part, and only the caller's", () => {
  let platform: ReportsPlatform;
  let token: { resident: string; visitor: string; dpo: string; agent: string };
  let me: string;
  let other: string;
  let otherSigner: Caller;
  let petitionId: string;
  let draftId: string;
  let signature: { id: string; ledgerIndex: number };
  let signKey: string;
  let reportId: string;
  let otherReportId: string;
  let quartierId: string;
  let exported: Json;

  const accountId = async (bearer: string) =>
    (await platform.graphql<{ me: { id: string } }>("{ me { id } }", undefined, { token: bearer })).body.data
      ?.me.id as string;

  beforeAll(async () => {
    platform = await startReportsPlatform();
    token = {
      resident: await platform.token("resident"),
      visitor: await platform.token("visitor"),
      dpo: await platform.token("dpo"),
      agent: await platform.token("agent"),
    };
    me = await accountId(token.resident);
    other = await accountId(token.visitor);
    const secret = platform.config.PSEUDONYM_SECRET;

    // Petitions: one published by someone else, signed by the resident and by another signer who shows a name;
    // a draft written by the resident.
    const direct = await directPetitions(platform);
    petitionId = await preparePetition(direct, secret, { author: testResident(1, secret) });
    otherSigner = testResident(2, secret);
    await direct.call(otherSigner, SIGN, { petitionId, key: key("other"), publicName: "Signataire Autre" });
    signKey = key("mine");
    const signed = await platform.graphql<Json>(
      SIGN,
      { petitionId, key: signKey, publicName: "Camille M." },
      { token: token.resident },
    );
    expect(signed.body.data?.signPetition.__typename).toBe("PetitionSigned");
    signature = signed.body.data.signPetition.signature;
    const created = await platform.graphql<Json>(
      `mutation($input: PetitionInput!) { createPetition(input: $input) { __typename ... on PetitionCreated { petition { id } } } }`,
      { input: petitionInput({ title: "Un brouillon à moi : des bancs place du Marché" }) },
      { token: token.resident },
    );
    draftId = created.body.data?.createPetition.petition.id;
    expect(draftId).toEqual(expect.any(String));

    // Reports: the resident's, with a photo and contact details; the visitor's, which the resident supports.
    const upload = await platform.upload(testJpeg(), token.resident);
    expect(upload.status).toBe(201);
    const mine = await platform.submit(
      { ...POTHOLE(), photoUploadIds: [upload.json.uploadId], contact: CONTACT },
      token.resident,
    );
    reportId = (mine.result.report as { id: string }).id;
    const theirs = await platform.submit({ ...POTHOLE(CATHEDRAL), contact: OTHER_CONTACT }, token.visitor);
    otherReportId = (theirs.result.report as { id: string }).id;
    const supported = await platform.graphql<Json>(
      `mutation($id: ID!) { supportReport(reportId: $id) { __typename } }`,
      { id: otherReportId },
      { token: token.resident },
    );
    expect(supported.body.data?.supportReport.__typename).toBe("ReportSupported");

    // Notifications: the resident follows the petition and a quartier; the visitor follows the petition too.
    const quartiers = await platform.graphql<Json>("{ quartiers(first: 1) { edges { node { id } } } }");
    quartierId = quartiers.body.data?.quartiers.edges[0].node.id;
    for (const [kind, subjectId, bearer] of [
      ["PETITION", petitionId, token.resident],
      ["QUARTIER", quartierId, token.resident],
      ["PETITION", petitionId, token.visitor],
    ] as const) {
      const followed = await platform.graphql<Json>(
        `mutation($kind: FollowKind!, $id: ID!) { follow(kind: $kind, subjectId: $id) { id } }`,
        { kind, id: subjectId },
        { token: bearer },
      );
      expect(followed.body.errors).toBeUndefined();
    }

    const { body } = await platform.graphql<Json>(EXPORT, undefined, { token: token.resident });
    expect(body.errors).toBeUndefined();
    exported = body.data?.exportMyData;
  });
  afterAll(() => platform?.close());

  it("has a part from every subgraph holding personal data", () => {
    expect(exported.__typename).toBe("PersonalDataExport");
    expect(exported.accountId).toBe(me);
    for (const subgraph of subgraphsHoldingPersonalData()) {
      expect(exported[subgraph], `the ${subgraph} part`).toEqual(expect.any(Object));
    }
  });

  it("holds the petitions written and signed, with the signature's ledger pseudonym and leaf", () => {
    const part = exported.petitions;
    expect(part.authored).toEqual([
      expect.objectContaining({
        id: draftId,
        state: "draft",
        title: expect.stringMatching(/brouillon à moi/),
      }),
    ]);
    expect(part.signatures).toEqual([
      expect.objectContaining({
        id: signature.id,
        petitionId,
        publicName: "Camille M.",
        verificationLevel: "resident_verified",
        withdrawnAt: null,
        ledgerLogId: `petition:${petitionId}`,
        ledgerIndex: signature.ledgerIndex,
        ledgerToken: expect.stringMatching(/^[A-Za-z0-9_-]{20,}$/),
        ledgerLeafHash: expect.stringMatching(/^[0-9a-f]{64}$/),
        signedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
      }),
    ]);
    expect(part.idempotencyKeys).toEqual([expect.objectContaining({ key: signKey, petitionId })]);
  });

  it("holds the reports submitted with their contact details and photo metadata, and the supports", () => {
    const part = exported.reports;
    expect(part.reports).toHaveLength(1);
    expect(part.reports[0]).toMatchObject({
      id: reportId,
      category: { code: "chaussee-degradee" },
      status: "submitted",
      description: POTHOLE().description,
      lat: NEUDORF.lat,
      lon: NEUDORF.lon,
      trackingToken: expect.any(String),
      contact: { ...CONTACT, phone: null },
      photoIds: [expect.any(String)],
      history: expect.arrayContaining([expect.objectContaining({ kind: "submitted", actorKind: "citizen" })]),
    });
    expect(part.photos).toEqual([
      expect.objectContaining({
        id: part.reports[0].photoIds[0],
        reportId,
        mediaType: "image/jpeg",
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        url: expect.stringMatching(/\/media\/report-photos\/.+\.jpg$/),
      }),
    ]);
    // Metadata and where to fetch it, never the image itself.
    expect(Object.keys(part.photos[0]).sort()).toEqual(
      [
        "byteSize",
        "expiresAt",
        "height",
        "id",
        "mediaType",
        "position",
        "reportId",
        "sha256",
        "uploadedAt",
        "url",
        "width",
      ].sort(),
    );
    expect(part.supports).toEqual([expect.objectContaining({ reportId: otherReportId })]);
  });

  it("holds what the person follows and the notices being delivered to them", () => {
    // The worker is off in tests: nothing is being delivered, but the part says so rather than omitting it.
    expect(exported.notifications.noticesInDelivery).toEqual([]);
    const follows = exported.notifications.follows as { kind: string; subjectId: string }[];
    expect(follows.map(({ kind, subjectId }) => ({ kind, subjectId }))).toEqual([
      { kind: "petition", subjectId: petitionId },
      { kind: "quartier", subjectId: quartierId },
    ]);
  });

  it("lists the person's own requests in identity's part", () => {
    expect(exported.identity.dataRequests).toEqual([
      expect.objectContaining({ kind: "export", completedAt: expect.any(String) }),
    ]);
  });

  it("holds nothing about anyone else", () => {
    const text = JSON.stringify(exported);
    for (const foreign of [
      other,
      otherSigner.accountId as string,
      testResident(1, platform.config.PSEUDONYM_SECRET).accountId as string,
      "Signataire Autre",
      OTHER_CONTACT.email,
      OTHER_CONTACT.phone,
    ]) {
      expect(text).not.toContain(foreign);
    }
  });

  describe("someone else's export, asked for by naming their account", () => {
    const servers = new Map<string, SubgraphServer>();
    beforeAll(async () => {
      const internal = {
        request: () =>
          Promise.reject(new InternalCallError("directory", ["UNAVAILABLE"], "not in this test")),
        personalDataHolders: [],
      };
      for (const module of [petitions, reports, notifications] as AnySubgraphModule[]) {
        servers.set(
          module.name,
          await createSubgraphServer(module, {
            config: platform.config,
            log: platform.log,
            db: platform.db,
            cache: platform.cache,
            internal,
          }),
        );
      }
    });
    afterAll(async () => {
      for (const server of servers.values()) await server.apollo.stop();
    });

    it("is refused at the gateway: _entities is not part of the public API", async () => {
      const { status, body } = await platform.graphql(
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on PersonalDataExport { petitions } } }`,
        { r: [{ __typename: "PersonalDataExport", accountId: other }] },
        { token: token.resident },
      );
      expect(status).toBe(400);
      expect(body.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    });

    it.each(["petitions", "reports", "notifications"])(
      "resolves to null in %s, even for a correctly signed caller or a staff member",
      async (subgraph) => {
        const server = servers.get(subgraph) as SubgraphServer;
        const secret = platform.config.CALLER_SIGNING_SECRET;
        const forged = (caller: Caller | undefined, accountId: string) =>
          callSubgraph(
            server,
            `query($r: [_Any!]!) { _entities(representations: $r) { ... on PersonalDataExport { ${subgraph} } } }`,
            { r: [{ __typename: "PersonalDataExport", accountId }] },
            { caller, secret },
          );
        const resident: Caller = testResident(2, platform.config.PSEUDONYM_SECRET);
        const agent: Caller = { ...resident, kind: "staff", roles: ["citizen", "staff", "dpo", "admin"] };
        expect((await forged(resident, me)).body.data?._entities).toEqual([null]);
        expect((await forged(agent, me)).body.data?._entities).toEqual([null]);
        expect((await forged(undefined, me)).body.data?._entities ?? [null]).toEqual([null]);
        // A forged header is refused before anything runs.
        const unsigned = await callSubgraph(
          server,
          `query($r: [_Any!]!) { _entities(representations: $r) { ... on PersonalDataExport { ${subgraph} } } }`,
          { r: [{ __typename: "PersonalDataExport", accountId: me }] },
          {
            header: signInProcessCall({ ...resident, accountId: me }, "x".repeat(40), server.name, {
              query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on PersonalDataExport { ${subgraph} } } }`,
              variables: { r: [{ __typename: "PersonalDataExport", accountId: me }] },
            }),
            secret,
          },
        );
        expect(unsigned.body.data?._entities ?? null).toBeNull();
        // The person's own reference, with their own signed header, resolves.
        const own = await forged({ ...resident, accountId: me }, me);
        expect(own.body.data?._entities).toEqual([{ [subgraph]: expect.any(Object) }]);
      },
    );
  });

  describe("the audit trail", () => {
    let erasedBy: string;
    beforeAll(async () => {
      const { body } = await platform.graphql<Json>(ERASE, undefined, { token: token.visitor });
      expect(body.errors).toBeUndefined();
      expect(body.data?.eraseMyAccount.__typename).toBe("AccountErased");
      erasedBy = other;
    });

    const trail = async (filter: Record<string, unknown>) => {
      const { body } = await platform.graphql<Json>(TRAIL, { filter }, { token: token.dpo });
      expect(body.errors).toBeUndefined();
      return (body.data?.auditTrail.edges ?? []).map(
        (edge: { node: TrailRecord }) => edge.node,
      ) as TrailRecord[];
    };

    it("shows the DPO the erasure, as the data subject's request, linked to identity's evidence", async () => {
      const [erasure, ...more] = await trail({ actorKind: "DATA_SUBJECT", operationName: "eraseMyAccount" });
      expect(more).toEqual([]);
      expect(erasure).toMatchObject({
        actorKind: "DATA_SUBJECT",
        actor: { id: erasedBy },
        staffService: null,
        operationType: "MUTATION",
        intact: true,
      });
      expect(erasure?.personalFields).toEqual(
        expect.arrayContaining(["PersonalDataExport.identity", "PersonalDataExport.reports"]),
      );
      // The visitor's report contact (erased) and the report, follow, support… (pseudonymised or erased).
      expect(erasure?.personalValueCount).toBeGreaterThanOrEqual(3);
      const [evidence] = await platform.db.query<{ id: string; kind: string; outcome: unknown }>(
        "SELECT id::text AS id, kind, outcome FROM identity.data_request WHERE account_id = $1 AND kind = 'erasure'",
        [erasedBy],
      );
      expect(erasure?.id).toBe(evidence?.id);
      expect(erasure?.documentHash).toBe(
        createHash("sha256")
          .update(canonicalJson({ dataRequest: evidence?.id, kind: "erasure", outcome: evidence?.outcome }))
          .digest("hex"),
      );
    });

    it("shows the export too, and filters by account", async () => {
      const exports = await trail({ actorKind: "DATA_SUBJECT", actorId: me });
      expect(exports.map((record) => record.operationName)).toEqual(["exportMyData"]);
      expect(exports[0]?.personalFields).toEqual(
        subgraphsHoldingPersonalData()
          .map((subgraph) => `PersonalDataExport.${subgraph}`)
          .sort(),
      );
      expect(exports[0]?.intact).toBe(true);
      const requests = await trail({ actorKind: "DATA_SUBJECT" });
      expect(requests.every((record) => record.actorKind === "DATA_SUBJECT")).toBe(true);
      expect(requests.map((record) => record.operationName).sort()).toEqual([
        "eraseMyAccount",
        "exportMyData",
      ]);
    });

    it("never fails the person's request when the audit trail cannot be written: identity keeps the evidence", async () => {
      // The staff subgraph answers every write of a data-subject record with an error from now on.
      await platform.db.exec(
        `ALTER TABLE staff.audit_record ADD CONSTRAINT test_refuses_data_subject CHECK (actor_kind <> 'data_subject') NOT VALID`,
      );
      try {
        const agentId = await accountId(token.agent);
        const { body } = await platform.graphql<Json>(EXPORT, undefined, { token: token.agent });
        expect(body.errors).toBeUndefined();
        expect(body.data?.exportMyData).toMatchObject({
          __typename: "PersonalDataExport",
          accountId: agentId,
        });
        const evidence = await platform.db.query<{ done: boolean }>(
          "SELECT completed_at IS NOT NULL AS done FROM identity.data_request WHERE account_id = $1",
          [agentId],
        );
        expect(evidence).toEqual([{ done: true }]);
        expect(await trail({ actorId: agentId })).toEqual([]);
      } finally {
        await platform.db.exec("ALTER TABLE staff.audit_record DROP CONSTRAINT test_refuses_data_subject");
      }
    });

    it("is the DPO's alone", async () => {
      const { body } = await platform.graphql<Json>(
        TRAIL,
        { filter: { actorKind: "DATA_SUBJECT" } },
        { token: token.agent },
      );
      expect(body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    });
  });
});
