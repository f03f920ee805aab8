// Issue #15 item 4: in production, citizens (anonymous, visitor, resident) run registered operations only — an
// unregistered document is refused before it is parsed, with a message that says nothing about the schema — and
// only staff and partners may introspect or send their own documents. The citizen app keeps working: each of its
// operations added for the journeys (sign and withdraw, create and submit a petition, propose a project and vote,
// support a report, follow, export, erase) runs by its document id, as the caller it is meant for, and succeeds.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadManifest } from "../../gateway/security/trustedDocuments.ts";
import { seedBudget } from "../../subgraphs/budget/seed.ts";
import { type SignedInPlatform, startSignedInPlatform } from "../support/withMonStrasbourg.ts";

interface Answer {
  status: number;
  body: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; extensions?: { code?: string } }[];
  };
}

const manifest = [...loadManifest().values()];
const idOf = (name: string) => {
  const operation = manifest.find((entry) => entry.name === name);
  if (!operation) throw new Error(`${name} is not registered in schema/operations/`);
  return operation.id;
};

describe("production mode: registered operations for citizens", () => {
  let platform: SignedInPlatform;
  const tokens: Record<string, string | undefined> = {};

  beforeAll(async () => {
    platform = await startSignedInPlatform({
      productionRules: true,
      env: { TRUSTED_DOCUMENTS_ONLY: "true", RATE_LIMIT_SENSITIVE_PER_HOUR: "1000" },
    });
    for (const persona of ["resident", "visitor", "agent", "moderator", "ems-partner"])
      tokens[persona] = await platform.token(persona);
  });
  afterAll(() => platform?.close());

  const post = async (body: unknown, persona?: string): Promise<Answer> => {
    const token = persona ? tokens[persona] : undefined;
    const response = await fetch(platform.url, {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Answer["body"] };
  };
  /** Runs a registered operation by its document id, as `persona` (anonymous when absent); answers its data. */
  const run = async <T = Record<string, unknown>>(
    name: string,
    variables: Record<string, unknown>,
    persona?: string,
  ): Promise<T> => {
    const { status, body } = await post({ documentId: `sha256:${idOf(name)}`, variables }, persona);
    expect(
      body.errors,
      `${name} as ${persona ?? "anonymous"}: ${JSON.stringify(body.errors)}`,
    ).toBeUndefined();
    expect(status).toBe(200);
    return body.data as T;
  };
  /** Setup and checks that are not the citizen app's: staff may send any document. */
  const asAgent = async <T>(query: string, variables: Record<string, unknown> = {}, persona = "agent") => {
    const { body } = await post({ query, variables }, persona);
    expect(body.errors, query).toBeUndefined();
    return body.data as T;
  };

  describe("what citizens may not do", () => {
    const probes = [
      "{ quartiers(first: 1) { totalCount } }",
      "{ __schema { types { name } } }",
      '{ __type(name: "Query") { fields { name } } }',
      // Schema probing through validation messages: a field that needs a selection, an unknown field.
      "{ auditTrail }",
      "{ petitions { nope } }",
    ];

    it.each([undefined, "visitor", "resident"])(
      "refuses any unregistered document to %s, saying nothing",
      async (persona) => {
        for (const query of probes) {
          const { status, body } = await post({ query }, persona);
          expect(status, query).toBe(403);
          expect(body.data ?? null).toBeNull();
          expect(body.errors).toEqual([
            {
              message:
                "Opération non enregistrée : cette application doit envoyer ses opérations par identifiant.",
              extensions: { code: "FORBIDDEN" },
            },
          ]);
        }
      },
    );

    it("lets staff and partners introspect and send their own documents", async () => {
      for (const persona of ["agent", "ems-partner"]) {
        for (const query of [
          "{ __schema { queryType { name } } }",
          "{ quartiers(first: 1) { totalCount } }",
        ]) {
          const { status, body } = await post({ query }, persona);
          expect(body.errors, `${persona}: ${query}`).toBeUndefined();
          expect(status).toBe(200);
        }
      }
    });
  });

  describe("the citizen app's operations, by document id", () => {
    let petitionId: string;
    let reportId: string;

    beforeAll(async () => {
      // The demo's participatory budget: a campaign open for submissions, one open for voting.
      await seedBudget(platform.db, platform.log);
    });

    it("writes a petition and submits it for moderation (resident)", async () => {
      const created = await run<{ createPetition: { __typename: string; petition?: { id: string } } }>(
        "CreatePetition",
        {
          input: {
            title: "Des arceaux à vélos devant la médiathèque Malraux",
            body: "Les vélos sont attachés aux grilles faute de place : nous demandons vingt arceaux supplémentaires sur le parvis.",
            theme: "MOBILITY",
          },
        },
        "resident",
      );
      expect(created.createPetition.__typename).toBe("PetitionCreated");
      const submitted = await run<{ submitPetition: { __typename: string } }>(
        "SubmitPetition",
        { id: created.createPetition.petition?.id },
        "resident",
      );
      expect(submitted.submitPetition.__typename).toBe("PetitionSubmitted");
      // Moderation is the staff's (their own documents); then the petition is open for signing.
      petitionId = created.createPetition.petition?.id ?? "";
      const published = await asAgent<{ publishPetition: { __typename: string } }>(
        "mutation($id: ID!) { publishPetition(id: $id) { __typename } }",
        { id: petitionId },
        "moderator",
      );
      expect(published.publishPetition.__typename).toBe("PetitionPublished");
    });

    it("signs a petition, shows the signature's inclusion proof, withdraws it (resident)", async () => {
      expect(petitionId).not.toBe("");
      const signed = await run<{ signPetition: { __typename: string } }>(
        "SignPetition",
        { petitionId, idempotencyKey: `sign-${Date.now()}`, publicName: null },
        "resident",
      );
      expect(signed.signPetition.__typename).toBe("PetitionSigned");
      const mine = await run<{ petition: { mySignature: { inclusionProof: { rootHash: string } } | null } }>(
        "MySignature",
        { petitionId },
        "resident",
      );
      expect(mine.petition.mySignature?.inclusionProof.rootHash).toMatch(/\S/);
      const withdrawn = await run<{ withdrawSignature: { __typename: string } }>(
        "WithdrawSignature",
        { petitionId },
        "resident",
      );
      expect(withdrawn.withdrawSignature.__typename).toBe("SignatureWithdrawn");
    });

    it("lists campaigns and projects (anonymous), proposes a project and votes (resident)", async () => {
      const open = await run<{ budgetCampaigns: { edges: { node: { id: string } }[] } }>("BudgetCampaigns", {
        phase: "SUBMISSION",
        first: 1,
      });
      const submissionCampaign = open.budgetCampaigns.edges[0]?.node.id;
      const proposed = await run<{ submitBudgetProject: { __typename: string } }>(
        "SubmitBudgetProject",
        {
          input: {
            campaignId: submissionCampaign,
            title: "Un jardin partagé rue de Wissembourg",
            description:
              "Transformer la friche au bout de la rue en jardin partagé, avec des bacs accessibles.",
            location: { lat: 48.5905, lon: 7.7465 },
            estimatedCostCents: 1_500_000,
          },
        },
        "resident",
      );
      expect(proposed.submitBudgetProject.__typename).toBe("BudgetProjectSubmitted");

      const voting = await run<{ budgetCampaigns: { edges: { node: { id: string } }[] } }>(
        "BudgetCampaigns",
        {
          phase: "VOTING",
          first: 1,
        },
      );
      const campaignId = voting.budgetCampaigns.edges[0]?.node.id;
      const projects = await run<{ budgetProjects: { edges: { node: { id: string } }[] } }>(
        "BudgetProjects",
        {
          filter: { campaignId, statuses: ["FEASIBLE"] },
          first: 1,
        },
      );
      const projectIds = projects.budgetProjects.edges.map((edge) => edge.node.id);
      const cast = await run<{ castBallot: { __typename: string } }>(
        "CastBallot",
        { campaignId, projectIds, idempotencyKey: `ballot-${Date.now()}` },
        "resident",
      );
      expect(cast.castBallot.__typename).toBe("BallotCast");
      const ballot = await run<{ myBallot: { projects: { id: string }[] } | null }>(
        "MyBallot",
        { campaignId },
        "resident",
      );
      expect(ballot.myBallot?.projects.map((project) => project.id)).toEqual(projectIds);
    });

    it("submits a report (resident), supports it (visitor), follows and unfollows it (resident)", async () => {
      const submitted = await run<{ submitReport: { __typename: string; report?: { id: string } } }>(
        "SubmitReport",
        {
          input: {
            categoryCode: "chaussee-degradee",
            location: { lat: 48.565, lon: 7.762 },
            description: "Un nid-de-poule profond devant la boulangerie.",
            attributes: [{ code: "taille", values: ["moyen"] }],
          },
        },
        "resident",
      );
      expect(submitted.submitReport.__typename).toBe("ReportSubmitted");
      reportId = submitted.submitReport.report?.id ?? "";
      const supported = await run<{ supportReport: { __typename: string } }>(
        "SupportReport",
        { reportId },
        "visitor",
      );
      expect(supported.supportReport.__typename).toBe("ReportSupported");
      const followed = await run<{ follow: { id: string } }>(
        "Follow",
        { kind: "REPORT", subjectId: reportId },
        "resident",
      );
      expect(followed.follow.id).toMatch(/\S/);
      const follows = await run<{ myFollows: { subjectId: string }[] }>("MyFollows", {}, "resident");
      expect(follows.myFollows.map((follow) => follow.subjectId)).toContain(reportId);
      const unfollowed = await run<{ unfollow: boolean }>(
        "Unfollow",
        { kind: "REPORT", subjectId: reportId },
        "resident",
      );
      expect(unfollowed.unfollow).toBe(true);
    });

    it("shows the map (anonymous)", async () => {
      const map = await run<{ mapFeatures: { layers: { layer: string }[] } }>("MapFeatures", {
        bbox: { west: 7.7, south: 48.55, east: 7.8, north: 48.62 },
        layers: ["PLACES", "QUARTIERS", "REPORTS", "BUDGET_PROJECTS"],
      });
      expect(map.mapFeatures.layers.length).toBeGreaterThan(0);
    });

    it("exports my data (resident) and erases my account (visitor)", async () => {
      const exported = await run<{ exportMyData: { __typename: string } }>("ExportMyData", {}, "resident");
      expect(exported.exportMyData.__typename).toBe("PersonalDataExport");
      const erased = await run<{ eraseMyAccount: { __typename: string } }>(
        "EraseMyAccount",
        { confirm: true },
        "visitor",
      );
      expect(erased.eraseMyAccount.__typename).toBe("AccountErased");
    });
  });
});
