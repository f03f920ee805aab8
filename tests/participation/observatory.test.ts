// Referrals to the Observatory of participation (issue 20, item 4), through the gateway, on PGlite and PostgreSQL:
// a resident refers a matter alone or for a named collective; its lifecycle is public (submitted → under
// examination → answered or declined, the answer) and its referrer is not — seen only by themselves and by staff,
// whose reading is audited; typed problems for bad input, an unknown project, a flood and a step taken twice;
// permissions deny by default; export and erasure (the referral stays, its referrer is forgotten).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SignedInPlatform, startSignedInPlatform } from "../../harness/withMonStrasbourg.ts";
import { DEFAULT_PERSONAS } from "../../simulators/monstrasbourg/personas.ts";
import { eventually } from "../audit/support.ts";
import { neighbours } from "../comments/support.ts";
import { CREATE_PROJECT, type Data, projectInput } from "./support.ts";

const REFER = /* GraphQL */ `
  mutation Refer($input: ObservatoryReferralInput!) {
    referToObservatory(input: $input) {
      __typename
      ... on ObservatoryReferralSubmitted { referral { id status referrerKind viewerIsReferrer } }
      ... on InvalidParticipationInput { field }
      ... on ObservatoryReferralRateLimited { retryAfterSeconds }
      ... on Problem { message }
    }
  }
`;

const PUBLIC_FIELDS = `id title description place { name lat lon } project { id title } mechanismsTried referrerKind
  status submittedAt examinationStartedAt answer answeredAt`;

const REFERRAL = /* GraphQL */ `
  query Referral($id: ID!) {
    observatoryReferral(id: $id) { ${PUBLIC_FIELDS} viewerIsReferrer referrer { kind collectiveName account { id } } }
  }
`;

const LIST = /* GraphQL */ `
  query Referrals($status: ObservatoryReferralStatus, $first: Int, $after: String) {
    observatoryReferrals(status: $status, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id title status referrerKind } }
    }
  }
`;

const MINE = /* GraphQL */ `
  query Mine { myObservatoryReferrals(first: 10) { totalCount edges { node { id title status } } } }
`;

const EXAMINE = /* GraphQL */ `
  mutation Examine($id: ID!) {
    examineObservatoryReferral(id: $id) {
      __typename
      ... on ObservatoryReferralUpdated { referral { id status examinationStartedAt } }
      ... on ObservatoryReferralStateConflict { status }
      ... on Problem { message }
    }
  }
`;

const ANSWER = /* GraphQL */ `
  mutation Answer($id: ID!, $answer: String!, $withinRemit: Boolean) {
    answerObservatoryReferral(id: $id, answer: $answer, withinRemit: $withinRemit) {
      __typename
      ... on ObservatoryReferralUpdated { referral { id status answer answeredAt } }
      ... on ObservatoryReferralStateConflict { status }
      ... on InvalidParticipationInput { field }
      ... on Problem { message }
    }
  }
`;

const referral = (overrides: Record<string, unknown> = {}) => ({
  title: "Le réaménagement de la place sans concertation",
  description: "Les riverains n'ont été ni informés ni consultés avant le début des travaux de la place.",
  place: { name: "Place du Marché", lat: 48.5839, lon: 7.7455 },
  mechanismsTried: "Une pétition (120 signatures) et un courrier au maire.",
  ...overrides,
});

describe("referrals to the Observatory of participation", () => {
  let platform: SignedInPlatform;
  const tokens = new Map<string, string>();
  const as = async (persona: string, query: string, variables?: Record<string, unknown>) => {
    if (persona !== "anonymous" && !tokens.has(persona)) tokens.set(persona, await platform.token(persona));
    const token = tokens.get(persona);
    const { body } = await platform.graphql<Data>(query, variables, token ? { token } : {});
    return body as { data?: Data | null; errors?: Data[] };
  };
  let projectId = "";
  let mine = "";
  let collective = "";

  beforeAll(async () => {
    platform = await startSignedInPlatform({ personas: [...DEFAULT_PERSONAS, ...neighbours(2)] });
    const created = await as("agent", CREATE_PROJECT, { input: projectInput() });
    projectId = created.data?.createProject.project.id;
  }, 180_000);
  afterAll(async () => {
    await platform?.close();
  });

  it("a resident refers a matter about a project; anyone reads its lifecycle, never who referred it", async () => {
    const submitted = await as("resident", REFER, { input: referral({ projectId }) });
    expect(submitted.errors).toBeUndefined();
    expect(submitted.data?.referToObservatory).toMatchObject({
      __typename: "ObservatoryReferralSubmitted",
      referral: { status: "SUBMITTED", referrerKind: "CITIZEN", viewerIsReferrer: true },
    });
    mine = submitted.data?.referToObservatory.referral.id;
    const forCollective = await as("neighbour-0", REFER, {
      input: referral({
        title: "Le conseil de quartier jamais réuni",
        place: null,
        collectiveName: "Collectif des riverains de la Krutenau",
      }),
    });
    expect(forCollective.data?.referToObservatory.referral.referrerKind).toBe("COLLECTIVE");
    collective = forCollective.data?.referToObservatory.referral.id;

    const read = await as("anonymous", REFERRAL, { id: mine });
    expect(read.errors).toBeUndefined();
    expect(read.data?.observatoryReferral).toMatchObject({
      title: "Le réaménagement de la place sans concertation",
      place: { name: "Place du Marché", lat: 48.5839, lon: 7.7455 },
      project: { id: projectId, title: "Réaménagement de la place du Marché" },
      mechanismsTried: "Une pétition (120 signatures) et un courrier au maire.",
      referrerKind: "CITIZEN",
      status: "SUBMITTED",
      answer: null,
      viewerIsReferrer: false,
      referrer: null,
    });
    // Another resident sees neither the account nor the collective's name.
    const other = await as("visitor", REFERRAL, { id: collective });
    expect(other.data?.observatoryReferral).toMatchObject({ referrerKind: "COLLECTIVE", referrer: null });
    expect(JSON.stringify(other.data)).not.toContain("Krutenau");

    // The referrer sees themselves as such, and their own list.
    const own = await as("neighbour-0", REFERRAL, { id: collective });
    expect(own.data?.observatoryReferral).toMatchObject({
      viewerIsReferrer: true,
      referrer: { kind: "COLLECTIVE", collectiveName: "Collectif des riverains de la Krutenau" },
    });
    const list = await as("neighbour-0", MINE);
    expect(list.data?.myObservatoryReferrals).toMatchObject({
      totalCount: 1,
      edges: [{ node: { id: collective } }],
    });
  });

  it("pages the public list newest first, filtered by status, with opaque cursors", async () => {
    const first = await as("anonymous", LIST, { first: 1 });
    expect(first.errors).toBeUndefined();
    expect(first.data?.observatoryReferrals).toMatchObject({
      totalCount: 2,
      pageInfo: { hasNextPage: true },
      edges: [{ node: { id: collective } }],
    });
    const next = await as("anonymous", LIST, {
      first: 1,
      after: first.data?.observatoryReferrals.pageInfo.endCursor,
    });
    expect(next.data?.observatoryReferrals.edges).toEqual([{ node: expect.objectContaining({ id: mine }) }]);
    expect(next.data?.observatoryReferrals.pageInfo.hasNextPage).toBe(false);
    const bad = await as("anonymous", LIST, { first: 1, after: "pas-un-curseur" });
    expect(bad.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("staff examine then answer, once each; the answer is public; a staff reading of the referrer is audited", async () => {
    const examined = await as("agent", EXAMINE, { id: mine });
    expect(examined.data?.examineObservatoryReferral).toMatchObject({
      __typename: "ObservatoryReferralUpdated",
      referral: { status: "UNDER_EXAMINATION", examinationStartedAt: expect.any(String) },
    });
    const twice = await as("agent", EXAMINE, { id: mine });
    expect(twice.data?.examineObservatoryReferral).toMatchObject({
      __typename: "ObservatoryReferralStateConflict",
      status: "UNDER_EXAMINATION",
    });
    const answer = "L'Observatoire recommande un atelier public avant la deuxième phase des travaux.";
    const answered = await as("agent", ANSWER, { id: mine, answer });
    expect(answered.data?.answerObservatoryReferral).toMatchObject({
      referral: { status: "ANSWERED", answer },
    });
    const again = await as("agent", ANSWER, { id: mine, answer });
    expect(again.data?.answerObservatoryReferral).toMatchObject({
      __typename: "ObservatoryReferralStateConflict",
      status: "ANSWERED",
    });
    // Answered straight from SUBMITTED, outside the Observatory's remit.
    const declined = await as("agent", ANSWER, {
      id: collective,
      answer: "Cette demande relève du conseil de quartier, que nous avons saisi.",
      withinRemit: false,
    });
    expect(declined.data?.answerObservatoryReferral.referral.status).toBe("DECLINED");
    const tooShort = await as("agent", ANSWER, { id: collective, answer: "Non." });
    expect(tooShort.data?.answerObservatoryReferral).toMatchObject({ field: "answer" });
    const unknown = await as("agent", EXAMINE, { id: "0193a000-0000-7000-8000-000000000000" });
    expect(unknown.data?.examineObservatoryReferral.__typename).toBe("ObservatoryReferralNotFound");

    const publicView = await as("anonymous", REFERRAL, { id: mine });
    expect(publicView.data?.observatoryReferral).toMatchObject({ status: "ANSWERED", answer });
    const answeredList = await as("anonymous", LIST, { status: "ANSWERED" });
    expect(answeredList.data?.observatoryReferrals.totalCount).toBe(1);

    const staffView = await as("agent", REFERRAL, { id: collective });
    expect(staffView.data?.observatoryReferral.referrer).toMatchObject({
      kind: "COLLECTIVE",
      collectiveName: "Collectif des riverains de la Krutenau",
      account: { id: expect.any(String) },
    });
    const records = await eventually(async () => {
      const rows = await platform.db.query<{ personal_fields: string[] }>(
        "SELECT personal_fields FROM staff.audit_record WHERE operation_name = 'Referral'",
      );
      return rows.length > 0 ? rows : undefined;
    });
    expect(records.flatMap((record) => record.personal_fields)).toContain("ObservatoryReferral.referrer");
  });

  it("refuses bad input, an unknown project and a flood with typed problems, storing nothing", async () => {
    const before = await as("anonymous", LIST, {});
    const short = await as("neighbour-1", REFER, { input: referral({ title: "Non" }) });
    expect(short.data?.referToObservatory).toMatchObject({
      __typename: "InvalidParticipationInput",
      field: "title",
    });
    const halfPlace = await as("neighbour-1", REFER, {
      input: referral({ place: { name: "Gare", lat: 48.5 } }),
    });
    expect(halfPlace.data?.referToObservatory).toMatchObject({ field: "place" });
    const unknown = await as("neighbour-1", REFER, {
      input: referral({ projectId: "0193a000-0000-7000-8000-000000000000" }),
    });
    expect(unknown.data?.referToObservatory.__typename).toBe("ProjectNotFound");
    const malformed = await as("neighbour-1", REFER, { input: referral({ projectId: "projet" }) });
    expect(malformed.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const after = await as("anonymous", LIST, {});
    expect(after.data?.observatoryReferrals.totalCount).toBe(before.data?.observatoryReferrals.totalCount);

    // Three a day per person, even sent at once: the fourth and fifth are refused.
    const burst = await Promise.all(
      [1, 2, 3, 4, 5].map((n) =>
        as("neighbour-1", REFER, { input: referral({ title: `Saisine numéro ${n}` }) }),
      ),
    );
    const kinds = burst.map((answer) => answer.data?.referToObservatory.__typename);
    expect(kinds.filter((kind) => kind === "ObservatoryReferralSubmitted")).toHaveLength(3);
    expect(kinds.filter((kind) => kind === "ObservatoryReferralRateLimited")).toHaveLength(2);
  });

  it("denies by default: anonymous and staff do not refer, citizens do not examine nor answer", async () => {
    const anonymous = await as("anonymous", REFER, { input: referral() });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    const staff = await as("agent", REFER, { input: referral() });
    expect(staff.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const citizen = await as("resident", EXAMINE, { id: collective });
    expect(citizen.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const answer = await as("resident", ANSWER, { id: collective, answer: "Je me réponds à moi-même." });
    expect(answer.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const list = await as("anonymous", MINE);
    expect(list.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("forgets the referrer of a referral answered PARTICIPATION_REFERRER_RETENTION_DAYS ago, not of a recent one", async () => {
    await platform.db.query(
      "UPDATE participation.observatory_referral SET answered_at = now() - interval '800 days' WHERE id = $1::uuid",
      [mine],
    );
    const { _applyRetention: reports } = await platform.client.request<{
      _applyRetention: { rule: string; removed: number }[];
    }>("participation", "mutation { _applyRetention { rule removed } }");
    expect(reports).toContainEqual({ rule: "answered_referral_referrers", removed: 1 });
    const referrers = await platform.db.query<{ id: string; account: string | null }>(
      `SELECT id::text, referrer_account_id::text AS account FROM participation.observatory_referral
        WHERE id IN ($1::uuid, $2::uuid)`,
      [mine, collective],
    );
    expect(referrers.find((row) => row.id === mine)?.account).toBeNull();
    expect(referrers.find((row) => row.id === collective)?.account).not.toBeNull();
    const still = await as("anonymous", REFERRAL, { id: mine });
    expect(still.data?.observatoryReferral).toMatchObject({ status: "ANSWERED" });
  });

  it("exports the person's referrals; erasure keeps the referral public and forgets its referrer", async () => {
    const exported = await as(
      "neighbour-0",
      "mutation { exportMyData { ... on PersonalDataExport { participation } } }",
    );
    expect(exported.errors).toBeUndefined();
    expect(exported.data?.exportMyData.participation.observatoryReferrals).toEqual([
      expect.objectContaining({
        id: collective,
        collectiveName: "Collectif des riverains de la Krutenau",
        status: "declined",
      }),
    ]);
    const erased = await as("neighbour-0", "mutation { eraseMyAccount(confirm: true) { __typename } }");
    expect(erased.data?.eraseMyAccount.__typename).toBe("AccountErased");
    const still = await as("agent", REFERRAL, { id: collective });
    expect(still.data?.observatoryReferral).toMatchObject({
      title: "Le conseil de quartier jamais réuni",
      status: "DECLINED",
      referrer: { kind: "COLLECTIVE", collectiveName: null, account: null },
    });
    const [row] = await platform.db.query<{ account: string | null; name: string | null; at: unknown }>(
      `SELECT referrer_account_id AS account, collective_name AS name, pseudonymised_at AS at
         FROM participation.observatory_referral WHERE id = $1`,
      [collective],
    );
    expect(row).toMatchObject({ account: null, name: null });
    expect(row?.at).not.toBeNull();
  });
});
