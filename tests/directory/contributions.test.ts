// Contributions: a representative claims an organisation's record and proposes edits, staff validate, the history
// keeps every version. Partner services write with `directory:write`. Erasure of a contributor keeps counts right.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DirectoryPlatform, errorsOf, startDirectoryPlatform } from "./support.ts";

const ORG = `query($slug: String!) { organizationBySlug(slug: $slug) { id name website description version viewerIsRepresentative } }`;
const CLAIM = /* GraphQL */ `
  mutation($id: ID!, $message: String) {
    claimOrganization(organizationId: $id, message: $message) {
      __typename
      ... on ClaimSubmitted { claim { id status claimant { id } organization { slug } } }
      ... on Problem { message }
    }
  }
`;
const REVIEW_CLAIM = /* GraphQL */ `
  mutation($id: ID!, $decision: ContributionDecision!) {
    reviewOrganizationClaim(claimId: $id, decision: $decision, note: "Fonction vérifiée auprès du président.") {
      __typename
      ... on ClaimReviewed { claim { status decisionNote } }
      ... on Problem { message }
    }
  }
`;
const PROPOSE = /* GraphQL */ `
  mutation($id: ID!, $changes: OrganizationChangesInput!) {
    proposeOrganizationEdit(organizationId: $id, changes: $changes) {
      __typename
      ... on EditProposed { proposal { id status baseVersion changes } }
      ... on InvalidDirectoryValue { field message }
      ... on Problem { message }
    }
  }
`;
const REVIEW_EDIT = /* GraphQL */ `
  mutation($id: ID!, $decision: ContributionDecision!) {
    reviewOrganizationEdit(proposalId: $id, decision: $decision) {
      __typename
      ... on EditReviewed { proposal { status } organization { version website description } }
      ... on OrganizationEditConflict { fields currentVersion }
      ... on Problem { message }
    }
  }
`;
const UPDATE = /* GraphQL */ `
  mutation($id: ID!, $changes: OrganizationChangesInput!) {
    updateOrganization(id: $id, changes: $changes) {
      __typename
      ... on OrganizationSaved { organization { version } }
      ... on Problem { message }
    }
  }
`;

describe("contributions to an organisation's record", () => {
  let platform: DirectoryPlatform;
  let csc: { id: string };
  beforeAll(async () => {
    platform = await startDirectoryPlatform();
    csc = (await platform.as(undefined, ORG, { slug: "csc-neudorf" })).body.data?.organizationBySlug;
  });
  afterAll(() => platform?.close());

  it("lets a resident claim the record once, and staff approve", async () => {
    const anonymous = await platform.as(undefined, CLAIM, { id: csc.id });
    expect(errorsOf(anonymous.body)).toEqual([{ code: "UNAUTHENTICATED", path: "claimOrganization" }]);

    const claimed = await platform.as("resident", CLAIM, { id: csc.id, message: "Directrice du centre." });
    expect(claimed.body.data?.claimOrganization).toMatchObject({
      __typename: "ClaimSubmitted",
      claim: { status: "PENDING", organization: { slug: "csc-neudorf" } },
    });
    const again = await platform.as("resident", CLAIM, { id: csc.id });
    expect(again.body.data?.claimOrganization.__typename).toBe("AlreadyClaimed");
    const partner = await platform.as("ems-partner", CLAIM, { id: csc.id });
    expect(partner.body.data?.claimOrganization.__typename).toBe("PersonAccountRequired");

    // Residents see only their own claims; the queue is for staff.
    const queue = `{ pendingOrganizationClaims { id organization { slug } claimant { id } } }`;
    expect(errorsOf((await platform.as("resident", queue)).body)).toEqual([
      { code: "FORBIDDEN", path: "pendingOrganizationClaims" },
    ]);
    const pending = (await platform.as("agent", queue)).body.data?.pendingOrganizationClaims;
    expect(pending).toHaveLength(1);
    const mine = (await platform.as("resident", `{ myOrganizationClaims { status } }`)).body.data
      ?.myOrganizationClaims;
    expect(mine).toEqual([{ status: "PENDING" }]);

    const byResident = await platform.as("resident", REVIEW_CLAIM, {
      id: pending[0].id,
      decision: "APPROVE",
    });
    expect(errorsOf(byResident.body)).toEqual([{ code: "FORBIDDEN", path: "reviewOrganizationClaim" }]);
    const approved = await platform.as("agent", REVIEW_CLAIM, { id: pending[0].id, decision: "APPROVE" });
    expect(approved.body.data?.reviewOrganizationClaim).toEqual({
      __typename: "ClaimReviewed",
      claim: { status: "APPROVED", decisionNote: "Fonction vérifiée auprès du président." },
    });
    const twice = await platform.as("agent", REVIEW_CLAIM, { id: pending[0].id, decision: "REJECT" });
    expect(twice.body.data?.reviewOrganizationClaim.__typename).toBe("ContributionAlreadyDecided");
    const org = (await platform.as("resident", ORG, { slug: "csc-neudorf" })).body.data?.organizationBySlug;
    expect(org.viewerIsRepresentative).toBe(true);
  });

  it("lets the representative propose edits that staff apply, with the history kept", async () => {
    const visitor = await platform.as("visitor", PROPOSE, {
      id: csc.id,
      changes: { website: "https://csc.example" },
    });
    expect(visitor.body.data?.proposeOrganizationEdit.__typename).toBe("NotARepresentative");
    const invalid = await platform.as("resident", PROPOSE, { id: csc.id, changes: { website: "ftp://csc" } });
    expect(invalid.body.data?.proposeOrganizationEdit).toMatchObject({
      __typename: "InvalidDirectoryValue",
      field: "website",
    });
    const same = await platform.as("resident", PROPOSE, {
      id: csc.id,
      changes: { name: "Centre socioculturel du Neudorf" },
    });
    expect(same.body.data?.proposeOrganizationEdit.__typename).toBe("OrganizationUnchanged");

    const proposed = await platform.as("resident", PROPOSE, {
      id: csc.id,
      changes: {
        website: " https://csc-neudorf.example ",
        description: "Accueil de loisirs et ateliers pour tous.",
      },
    });
    const proposal = proposed.body.data?.proposeOrganizationEdit.proposal;
    expect(proposal).toMatchObject({
      status: "PENDING",
      baseVersion: 1,
      changes: {
        website: "https://csc-neudorf.example",
        description: "Accueil de loisirs et ateliers pour tous.",
      },
    });
    // Nothing changes before the review.
    expect(
      (await platform.as(undefined, ORG, { slug: "csc-neudorf" })).body.data?.organizationBySlug.version,
    ).toBe(1);

    const reviewed = await platform.as("agent", REVIEW_EDIT, { id: proposal.id, decision: "APPROVE" });
    expect(reviewed.body.data?.reviewOrganizationEdit).toEqual({
      __typename: "EditReviewed",
      proposal: { status: "APPLIED" },
      organization: {
        version: 2,
        website: "https://csc-neudorf.example",
        description: "Accueil de loisirs et ateliers pour tous.",
      },
    });
    const history = await platform.as(
      "agent",
      `query($slug: String!) { organizationBySlug(slug: $slug) {
      history { version origin changes editedBy { id } } } }`,
      { slug: "csc-neudorf" },
    );
    const revisions = history.body.data?.organizationBySlug.history;
    expect(
      revisions.map((revision: { version: number; origin: string }) => [revision.version, revision.origin]),
    ).toEqual([
      [2, "proposal"],
      [1, "creation"],
    ]);
    expect(revisions[0].changes.website).toEqual({ from: null, to: "https://csc-neudorf.example" });
    expect(revisions[0].editedBy).toEqual({ id: expect.any(String) });
  });

  it("detects a proposal overtaken by another edit of the same field", async () => {
    const proposal = (
      await platform.as("resident", PROPOSE, { id: csc.id, changes: { phone: "03 88 11 22 33" } })
    ).body.data?.proposeOrganizationEdit.proposal;
    const staffEdit = await platform.as("agent", UPDATE, {
      id: csc.id,
      changes: { phone: "03 88 99 88 77" },
    });
    expect(staffEdit.body.data?.updateOrganization).toEqual({
      __typename: "OrganizationSaved",
      organization: { version: 3 },
    });
    const conflict = await platform.as("agent", REVIEW_EDIT, { id: proposal.id, decision: "APPROVE" });
    expect(conflict.body.data?.reviewOrganizationEdit).toEqual({
      __typename: "OrganizationEditConflict",
      message: expect.stringMatching(/modifiée depuis la proposition/),
      fields: ["phone"],
      currentVersion: 3,
    });
    const rejected = await platform.as("agent", REVIEW_EDIT, { id: proposal.id, decision: "REJECT" });
    expect(rejected.body.data?.reviewOrganizationEdit).toMatchObject({
      __typename: "EditReviewed",
      proposal: { status: "REJECTED" },
    });
  });

  it("lets partner services with directory:write create organisations and relations, and nobody else", async () => {
    const create = `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) {
      __typename ... on OrganizationSaved { organization { id slug kind } } ... on Problem { message } } }`;
    const input = { kind: "ASSOCIATION", name: "Les Amis du Jardin des Deux Rives", category: "environment" };
    expect(errorsOf((await platform.as("resident", create, { input })).body)).toEqual([
      { code: "FORBIDDEN", path: "createOrganization" },
    ]);
    expect(errorsOf((await platform.as(undefined, create, { input })).body)).toEqual([
      { code: "UNAUTHENTICATED", path: "createOrganization" },
    ]);
    const created = (await platform.as("ems-partner", create, { input })).body.data?.createOrganization;
    expect(created).toMatchObject({
      __typename: "OrganizationSaved",
      organization: { slug: "les-amis-du-jardin-des-deux-rives", kind: "ASSOCIATION" },
    });

    const relate = `mutation($input: AddRelationInput!) { addOrganizationRelation(input: $input) {
      __typename ... on RelationSaved { relation { type from { slug } to { slug } validFrom } } ... on Problem { message } } }`;
    const relation = {
      fromId: created.organization.id,
      toId: csc.id,
      type: "PARTNER_OF",
      validFrom: "2026-01-01",
    };
    expect(
      (await platform.as("ems-partner", relate, { input: relation })).body.data?.addOrganizationRelation,
    ).toEqual({
      __typename: "RelationSaved",
      relation: {
        type: "PARTNER_OF",
        from: { slug: "les-amis-du-jardin-des-deux-rives" },
        to: { slug: "csc-neudorf" },
        validFrom: "2026-01-01",
      },
    });
    expect(
      (await platform.as("agent", relate, { input: relation })).body.data?.addOrganizationRelation.__typename,
    ).toBe("RelationAlreadyExists");
    const history = await platform.as(
      "agent",
      `query($slug: String!) { organizationBySlug(slug: $slug) { history { origin editedByClient } } }`,
      {
        slug: "les-amis-du-jardin-des-deux-rives",
      },
    );
    expect(history.body.data?.organizationBySlug.history).toEqual([
      { origin: "creation", editedByClient: "ems-partner" },
    ]);
  });
});

describe("citizen initiatives, volunteers and erasure", () => {
  let platform: DirectoryPlatform;
  beforeAll(async () => {
    platform = await startDirectoryPlatform();
  });
  afterAll(() => platform?.close());

  const CREATE = /* GraphQL */ `
    mutation($input: CreateInitiativeInput!) { createInitiative(input: $input) {
      __typename
      ... on InitiativeSaved { initiative { id title viewerIsOrganizer quartier { slug } callForVolunteers { needed volunteerCount open } } }
      ... on InvalidDirectoryValue { field message }
      ... on Problem { message } } }
  `;
  const VOLUNTEER = /* GraphQL */ `
    mutation($id: ID!) { volunteerForInitiative(initiativeId: $id) {
      __typename
      ... on VolunteeringSaved { initiative { callForVolunteers { volunteerCount open viewerHasVolunteered } } }
      ... on Problem { message } } }
  `;
  const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

  it("publishes an initiative with a call for volunteers, and fills it", async () => {
    const input = {
      title: "Repas partagé de la rue de Lunéville",
      description: "Chacun apporte un plat, la rue est fermée aux voitures pour l'après-midi.",
      location: { lat: 48.5683, lon: 7.7627 },
      startsAt: inDays(12),
      endsAt: inDays(12.2),
      callForVolunteers: { message: "Installer les tables et ranger.", needed: 2 },
    };
    const outside = await platform.as("resident", CREATE, {
      input: { ...input, location: { lat: 48.8534, lon: 2.3488 } },
    });
    expect(outside.body.data?.createInitiative).toMatchObject({
      __typename: "InvalidDirectoryValue",
      field: "location",
    });
    const past = await platform.as("resident", CREATE, {
      input: { ...input, startsAt: inDays(-3), endsAt: inDays(-2.9) },
    });
    expect(past.body.data?.createInitiative).toMatchObject({
      __typename: "InvalidDirectoryValue",
      field: "startsAt",
    });

    const created = (await platform.as("resident", CREATE, { input })).body.data?.createInitiative;
    expect(created).toMatchObject({
      __typename: "InitiativeSaved",
      initiative: {
        viewerIsOrganizer: true,
        quartier: { slug: "neudorf-schluthfeld-port-du-rhin-musau" },
        callForVolunteers: { needed: 2, volunteerCount: 0, open: true },
      },
    });
    const id = created.initiative.id;
    for (const persona of ["visitor", "agent"]) {
      expect(
        (await platform.as(persona, VOLUNTEER, { id })).body.data?.volunteerForInitiative.__typename,
      ).toBe("VolunteeringSaved");
    }
    const full = await platform.as("moderator", VOLUNTEER, { id });
    expect(full.body.data?.volunteerForInitiative.__typename).toBe("VolunteeringClosed");
    const seen = await platform.as(
      "visitor",
      `query($id: ID!) { initiative(id: $id) { viewerIsOrganizer callForVolunteers { volunteerCount open viewerHasVolunteered } } }`,
      { id },
    );
    expect(seen.body.data?.initiative).toEqual({
      viewerIsOrganizer: false,
      callForVolunteers: { volunteerCount: 2, open: false, viewerHasVolunteered: true },
    });
    const cancel = `mutation($id: ID!) { cancelInitiative(id: $id) { __typename ... on InitiativeSaved { initiative { status } } } }`;
    expect((await platform.as("visitor", cancel, { id })).body.data?.cancelInitiative.__typename).toBe(
      "NotARepresentative",
    );
  });

  it("erases a volunteer's and a claimant's data, keeping the counts right", async () => {
    const visitorId = (await platform.as("visitor", `{ me { id } }`)).body.data?.me.id as string;
    const csc = (await platform.as(undefined, ORG, { slug: "csc-neudorf" })).body.data?.organizationBySlug;
    await platform.as("visitor", CLAIM, { id: csc.id, message: "Bénévole." });
    const seeded = (
      await platform.as(
        undefined,
        `{ initiatives(filter: { seekingVolunteers: true }) { edges { node { id title } } } }`,
      )
    ).body.data?.initiatives.edges[0].node;
    await platform.as("visitor", VOLUNTEER, { id: seeded.id });
    const count = async () =>
      (
        await platform.as(
          undefined,
          `query($id: ID!) { initiative(id: $id) { callForVolunteers { volunteerCount } } }`,
          { id: seeded.id },
        )
      ).body.data?.initiative.callForVolunteers.volunteerCount;
    expect(await count()).toBe(1);

    // The person's export includes what the directory holds about them.
    const exported = await platform.as(
      "visitor",
      `mutation { exportMyData { __typename ... on PersonalDataExport { directory } } }`,
    );
    expect(exported.body.errors).toBeUndefined();
    const mine = exported.body.data?.exportMyData.directory;
    expect(mine.representationClaims).toEqual([
      expect.objectContaining({ status: "pending", message: "Bénévole." }),
    ]);
    expect(mine.volunteering.map((row: { initiativeId: string }) => row.initiativeId)).toContain(seeded.id);

    const erased = await platform.client.request<{
      _eraseAccountData: { subgraph: string; erased: number; pseudonymised: number };
    }>(
      "directory",
      `mutation($id: ID!) { _eraseAccountData(accountId: $id) { subgraph erased pseudonymised } }`,
      { id: visitorId },
    );
    // The pending claim is erased; the volunteer rows (two initiatives) are kept without the person.
    expect(erased._eraseAccountData).toEqual({ subgraph: "directory", erased: 1, pseudonymised: 2 });
    expect(await count()).toBe(1);
    const rows = await platform.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM directory.initiative_volunteer WHERE account_id = $1`,
      [visitorId],
    );
    expect(rows[0]?.n).toBe(0);
    const again = await platform.client.request<{
      _eraseAccountData: { erased: number; pseudonymised: number };
    }>("directory", `mutation($id: ID!) { _eraseAccountData(accountId: $id) { erased pseudonymised } }`, {
      id: visitorId,
    });
    expect(again._eraseAccountData).toEqual({ erased: 0, pseudonymised: 0 });
  });
});
