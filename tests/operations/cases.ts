// The cases of every registered operation (schema/operations/): variables taken from the demo data and from earlier
// cases, and what each answer must hold. Used by tests/operations/registeredOperations.test.ts (every operation as
// each declared caller) and tests/engines/sameAnswers.test.ts (the same through both gateway engines). Each call
// of operationCases() has its own memory of what earlier cases found, so that two platforms can run them side by side.
import { expect } from "vitest";

export type Variables = Record<string, unknown>;
export type Data = Record<string, unknown>;

export interface Case {
  /** Variables for this caller (may use what earlier cases found). */
  variables?: (caller: string) => Variables | Promise<Variables>;
  /** Checks the answer beyond "data, no errors" (a result union's success member…), and keeps what later cases need. */
  check?: (data: Data, caller: string) => void;
}

/** The cases, with their own memory of what the demo data and earlier cases provided. */
export function operationCases(): Record<string, Case> {
  /** What the demo data and earlier cases provide. */
  const found: {
    quartierId?: string;
    /** A published petition open for signatures (demo data). */
    petitionId?: string;
    /** The resident's draft (CreatePetition). */
    draftId?: string;
    votingCampaignId?: string;
    submissionCampaignId?: string;
    ballotProjectIds: string[];
    reports: Map<string, { id: string; token: string }>;
    /** The comment each caller posted (PostComment) on the open petition. */
    comments: Map<string, string>;
    /** The demo project with a consultation (Projects). */
    projectId?: string;
    /** The demo consultation open for answers, and its questionnaire (Consultations, Consultation). */
    consultationId?: string;
    questionnaire?: Question[];
  } = { ballotProjectIds: [], reports: new Map(), comments: new Map() };

  const key = (label: string, caller: string) => `${label}-${caller}-${Date.now()}`;
  const typename = (value: unknown) => (value as { __typename?: string } | null)?.__typename;

  const STRASBOURG_CENTRE = { lat: 48.5839, lon: 7.7455 };

  const CASES: Record<string, Case> = {
    Quartiers: {
      variables: () => ({ first: 5 }),
      check: (data) => {
        const edges = (data.quartiers as { edges: { node: { id: string } }[] }).edges;
        expect(edges.length).toBeGreaterThan(0);
        found.quartierId = edges[0]?.node.id;
      },
    },
    Me: { check: (data) => expect(data.me).toMatchObject({ id: expect.any(String) }) },
    ChooseHomeQuartier: {
      variables: () => ({ quartierId: found.quartierId }),
      check: (data) => expect(data.chooseHomeQuartier).toMatchObject({ __typename: "HomeQuartierChosen" }),
    },
    ReportCategories: {
      check: (data) => expect((data.reportCategories as unknown[]).length).toBeGreaterThan(0),
    },
    SubmitReport: {
      variables: (caller) => ({
        input: {
          categoryCode: "eclairage-public", // open to anonymous reports
          location: STRASBOURG_CENTRE,
          address: "Place Kléber, Strasbourg",
          description: `Lampadaire éteint depuis trois jours (signalé par ${caller}).`,
          attributes: [{ code: "type_panne", values: ["eteint"] }],
        },
      }),
      check: (data, caller) => {
        const result = data.submitReport as {
          __typename: string;
          trackingToken: string;
          report: { id: string };
        };
        expect(result.__typename).toBe("ReportSubmitted");
        found.reports.set(caller, { id: result.report.id, token: result.trackingToken });
      },
    },
    Report: {
      variables: (caller) => ({ id: reportOf(caller).id }),
      check: (data) => expect(data.report).toMatchObject({ id: expect.any(String) }),
    },
    ReportByTrackingToken: {
      variables: (caller) => ({ token: reportOf(caller).token }),
      check: (data) => expect(data.reportByTrackingToken).toMatchObject({ id: expect.any(String) }),
    },
    Reports: {
      variables: () => ({ first: 10 }),
      check: (data) => expect((data.reports as { totalCount: number }).totalCount).toBeGreaterThan(0),
    },
    ReportsMap: {
      variables: () => ({ limit: 100 }),
      check: (data) => expect(data.reportsGeoJson).toMatchObject({ type: "FeatureCollection" }),
    },
    SimilarReports: {
      variables: () => ({ categoryCode: "eclairage-public", location: STRASBOURG_CENTRE }),
      check: (data) => expect(Array.isArray(data.similarReports)).toBe(true),
    },
    SupportReport: {
      // A "me too" on someone else's report: the one submitted anonymously.
      variables: () => ({ reportId: reportOf("anonymous").id }),
      check: (data) => expect(typename(data.supportReport)).toBe("ReportSupported"),
    },
    MapFeatures: {
      variables: () => ({
        bbox: { west: 7.68, south: 48.54, east: 7.82, north: 48.62 },
        layers: ["PLACES", "INITIATIVES", "QUARTIERS", "REPORTS", "BUDGET_PROJECTS"],
      }),
      check: (data) => expect(data.mapFeatures).toMatchObject({ featureCollection: expect.anything() }),
    },
    Follow: {
      variables: () => ({ kind: "REPORT", subjectId: reportOf("anonymous").id }),
      check: (data) => expect(data.follow).toMatchObject({ kind: "REPORT" }),
    },
    MyFollows: {
      check: (data) => expect((data.myFollows as unknown[]).length).toBeGreaterThan(0),
    },
    Unfollow: {
      variables: () => ({ kind: "REPORT", subjectId: reportOf("anonymous").id }),
      check: (data) => expect(data.unfollow).toBe(true),
    },
    Petitions: {
      // The app's "open for signatures" tab.
      variables: () => ({
        first: 20,
        filter: { displayedStatuses: ["NEW", "IN_PROGRESS", "SOON_FINISHED"] },
      }),
      check: (data) => {
        const petitions = data.petitions as {
          edges: { node: { id: string; signingEndsAt: string | null } }[];
        };
        const open = petitions.edges.find(
          ({ node }) => node.signingEndsAt && Date.parse(node.signingEndsAt) > Date.now(),
        );
        found.petitionId ??= open?.node.id;
        expect(found.petitionId).toBeDefined();
      },
    },
    Petition: {
      variables: () => ({ id: openPetition() }),
      check: (data) => expect(data.petition).toMatchObject({ id: found.petitionId }),
    },
    CreatePetition: {
      variables: () => ({
        input: {
          title: "Des pistes cyclables continues rue du Faubourg-National",
          body:
            "La piste cyclable s'interrompt trois fois entre la gare et le centre.\n\n" +
            "Nous demandons une voie continue et protégée, comme le plan vélo de l'Eurométropole le prévoit.",
          theme: "MOBILITY",
          quartierId: found.quartierId,
        },
      }),
      check: (data) => {
        const result = data.createPetition as { __typename: string; petition: { id: string } };
        expect(result.__typename).toBe("PetitionCreated");
        found.draftId = result.petition.id;
      },
    },
    SubmitPetition: {
      variables: () => ({ id: found.draftId }),
      check: (data) => expect(typename(data.submitPetition)).not.toMatch(/Problem|NotEligible|Invalid/),
    },
    SignPetition: {
      variables: (caller) => ({ petitionId: openPetition(), idempotencyKey: key("sign", caller) }),
      check: (data) => expect(typename(data.signPetition)).toBe("PetitionSigned"),
    },
    MySignature: {
      variables: () => ({ petitionId: openPetition() }),
      check: (data) =>
        expect(data.petition).toMatchObject({ mySignature: { inclusionProof: expect.anything() } }),
    },
    WithdrawSignature: {
      variables: () => ({ petitionId: openPetition() }),
      check: (data) => expect(typename(data.withdrawSignature)).toBe("SignatureWithdrawn"),
    },
    BudgetCampaigns: {
      variables: () => ({ first: 20 }),
      check: (data) => {
        const campaigns = (data.budgetCampaigns as { edges: { node: { id: string; phase: string } }[] })
          .edges;
        found.votingCampaignId = campaigns.find(({ node }) => node.phase === "VOTING")?.node.id;
        found.submissionCampaignId = campaigns.find(({ node }) => node.phase === "SUBMISSION")?.node.id;
        expect(found.votingCampaignId).toBeDefined();
      },
    },
    BudgetProjects: {
      variables: () => ({ filter: { campaignId: found.votingCampaignId }, first: 20 }),
      check: (data) => {
        const projects = (data.budgetProjects as { edges: { node: { id: string; status: string } }[] }).edges;
        found.ballotProjectIds = projects
          .filter(({ node }) => node.status === "FEASIBLE")
          .map(({ node }) => node.id);
        expect(projects.length).toBeGreaterThan(0);
      },
    },
    CastBallot: {
      variables: (caller) => ({
        campaignId: found.votingCampaignId,
        projectIds: found.ballotProjectIds.slice(0, 1),
        idempotencyKey: key("ballot", caller),
      }),
      check: (data) => expect(typename(data.castBallot)).toBe("BallotCast"),
    },
    MyBallot: {
      variables: () => ({ campaignId: found.votingCampaignId }),
      check: (data) => expect(data.myBallot).toMatchObject({ id: expect.any(String) }),
    },
    SubmitBudgetProject: {
      variables: () => {
        if (!found.submissionCampaignId)
          throw new Error("the demo data has no budget campaign open for projects");
        return {
          input: {
            campaignId: found.submissionCampaignId,
            title: "Un jardin partagé au pied des immeubles",
            description:
              "Des bacs de culture et un composteur collectif, entretenus par les habitants du quartier.",
            quartierId: found.quartierId,
            estimatedCostCents: 1_500_000,
          },
        };
      },
      check: (data) => expect(typename(data.submitBudgetProject)).toBe("BudgetProjectSubmitted"),
    },
    PostComment: {
      variables: (caller) => ({
        target: { type: "PETITION", id: openPetition() },
        body: `Je soutiens cette pétition (${caller}).`,
        idempotencyKey: key("comment", caller),
      }),
      check: (data, caller) => {
        const result = data.postComment as { __typename: string; comment: { id: string } };
        expect(result.__typename).toBe("CommentPosted");
        found.comments.set(caller, result.comment.id);
      },
    },
    PetitionComments: {
      variables: () => ({ id: openPetition(), first: 10 }),
      check: (data) =>
        expect(data.petition).toMatchObject({ id: found.petitionId, commentCount: expect.any(Number) }),
    },
    CommentReplies: {
      variables: () => ({ id: commentOf("resident"), first: 10 }),
      check: (data) => expect(data.comment).toMatchObject({ id: commentOf("resident") }),
    },
    ReplyToComment: {
      variables: (caller) => ({
        commentId: commentOf(otherCommenter(caller)),
        body: "Tout à fait.",
        idempotencyKey: key("reply", caller),
      }),
      check: (data) => expect(typename(data.replyToComment)).toBe("CommentPosted"),
    },
    VoteOnComment: {
      variables: (caller) => ({ id: commentOf(otherCommenter(caller)), vote: "UP" }),
      check: (data) => expect(typename(data.voteOnComment)).toBe("CommentVoted"),
    },
    ReportComment: {
      variables: (caller) => ({ id: commentOf(otherCommenter(caller)), reason: "OFF_TOPIC" }),
      check: (data) => expect(typename(data.reportComment)).toBe("CommentReported"),
    },
    EditComment: {
      variables: (caller) => ({
        id: commentOf(caller),
        body: `Je soutiens cette pétition, vraiment (${caller}).`,
      }),
      check: (data) => expect(typename(data.editComment)).toBe("CommentEdited"),
    },
    DeleteComment: {
      variables: (caller) => ({ id: commentOf(caller) }),
      check: (data) => expect(typename(data.deleteComment)).toBe("CommentDeleted"),
    },
    Consultations: {
      // The app's "take part" tab: the consultations open now.
      variables: () => ({ status: "OPEN", first: 10 }),
      check: (data) => {
        const consultations = (
          data.consultations as { edges: { node: { id: string; project: { id: string } | null } }[] }
        ).edges;
        const attached = consultations.find(({ node }) => node.project !== null)?.node;
        found.consultationId = attached?.id;
        found.projectId = attached?.project?.id;
        expect(found.consultationId, "the demo data has no open consultation of a project").toBeDefined();
      },
    },
    Projects: {
      variables: () => ({ first: 20 }),
      check: (data) => {
        const projects = (data.projects as { edges: { node: { id: string } }[] }).edges;
        expect(projects.map(({ node }) => node.id)).toContain(found.projectId);
      },
    },
    Project: {
      variables: () => ({ id: found.projectId }),
      check: (data) =>
        expect(data.project).toMatchObject({
          id: found.projectId,
          timeline: expect.arrayContaining([expect.objectContaining({ status: "CURRENT" })]),
          consultations: expect.arrayContaining([expect.objectContaining({ id: found.consultationId })]),
        }),
    },
    Consultation: {
      variables: () => ({ id: openConsultation() }),
      check: (data, caller) => {
        const consultation = data.consultation as {
          status: string;
          questionnaire: Question[];
          myEligibility: { eligible: boolean } | null;
        };
        expect(consultation.status).toBe("OPEN");
        expect(consultation.questionnaire.length).toBeGreaterThan(0);
        if (caller === "anonymous") expect(consultation.myEligibility).toBeNull();
        if (caller === "resident") expect(consultation.myEligibility).toMatchObject({ eligible: true });
        found.questionnaire = consultation.questionnaire;
      },
    },
    RespondToConsultation: {
      variables: () => ({ consultationId: openConsultation(), answers: answersTo(questionnaire(), 0) }),
      check: (data) =>
        expect(data.respondToConsultation).toMatchObject({
          __typename: "ResponseRecorded",
          response: { revision: 1 },
        }),
    },
    EditConsultationResponse: {
      variables: () => ({ consultationId: openConsultation(), answers: answersTo(questionnaire(), 1) }),
      check: (data) =>
        expect(data.editConsultationResponse).toMatchObject({
          __typename: "ResponseRecorded",
          response: { revision: 2 },
        }),
    },
    ReactToConsultation: {
      variables: () => ({ consultationId: openConsultation(), reaction: "SUPPORT" }),
      check: (data) =>
        expect(data.reactToConsultation).toMatchObject({
          __typename: "ReactionRecorded",
          consultation: { myReaction: "SUPPORT" },
        }),
    },
    // ---- Comments on the demo's project and its open consultation (comments subgraph). ----
    ProjectComments: {
      variables: () => ({ id: found.projectId, first: 10 }),
      check: (data) =>
        expect(data.project).toMatchObject({
          id: found.projectId,
          commentsOpen: true,
          commentCount: expect.any(Number),
          comments: { totalCount: expect.any(Number) },
        }),
    },
    ConsultationComments: {
      variables: () => ({ id: openConsultation(), first: 10 }),
      check: (data) =>
        expect(data.consultation).toMatchObject({
          id: found.consultationId,
          commentsOpen: true,
          comments: { totalCount: expect.any(Number) },
        }),
    },
    // ---- Observatory of participation (participation subgraph): each caller refers a matter, then reads it. ----
    ReferToObservatory: {
      variables: (caller) => ({
        input: {
          title: `Une place réaménagée sans concertation (${caller})`,
          description: "Les riverains n'ont été ni informés ni consultés avant le début des travaux.",
          place: { name: "Place du Marché", lat: 48.5839, lon: 7.7455 },
          mechanismsTried: "Un courrier au maire.",
          ...(caller === "visitor" ? { collectiveName: "Collectif des riverains" } : {}),
        },
      }),
      check: (data, caller) => {
        const result = data.referToObservatory as { __typename: string; referral: { id: string } };
        expect(result.__typename).toBe("ObservatoryReferralSubmitted");
        observatory.referrals.set(caller, result.referral.id);
      },
    },
    ObservatoryReferrals: {
      variables: () => ({ first: 10 }),
      check: (data) =>
        expect((data.observatoryReferrals as { totalCount: number }).totalCount).toBeGreaterThan(0),
    },
    ObservatoryReferral: {
      // Anonymous callers read the resident's referral.
      variables: (caller) => ({ id: observatoryReferralOf(caller === "anonymous" ? "resident" : caller) }),
      check: (data, caller) =>
        expect(data.observatoryReferral).toMatchObject({
          status: "SUBMITTED",
          viewerIsReferrer: caller !== "anonymous",
        }),
    },
    MyObservatoryReferrals: {
      variables: () => ({ first: 10 }),
      check: (data, caller) =>
        expect(data.myObservatoryReferrals).toMatchObject({
          edges: [{ node: { id: observatoryReferralOf(caller) } }],
        }),
    },
    ExportMyData: {
      check: (data) => expect(typename(data.exportMyData)).toBe("PersonalDataExport"),
    },
    // Last: the callers' accounts are gone afterwards.
    EraseMyAccount: {
      variables: () => ({ confirm: true }),
      check: (data) => expect(typename(data.eraseMyAccount)).toBe("AccountErased"),
    },
  };

  function openConsultation(): string {
    if (!found.consultationId)
      throw new Error("the demo data has no open consultation (Consultations runs first)");
    return found.consultationId;
  }

  function questionnaire(): Question[] {
    if (!found.questionnaire) throw new Error("no questionnaire was read (Consultation runs first)");
    return found.questionnaire;
  }

  /** What the Observatory's cases found (their own block, apart from the other subgraphs'). */
  const observatory = { referrals: new Map<string, string>() };
  function observatoryReferralOf(caller: string): string {
    const id = observatory.referrals.get(caller);
    if (!id) throw new Error(`no referral was made as ${caller} (ReferToObservatory runs first)`);
    return id;
  }

  function openPetition(): string {
    if (!found.petitionId) throw new Error("the demo data has no petition open for signatures");
    return found.petitionId;
  }

  function commentOf(caller: string): string {
    const comment = found.comments.get(caller);
    if (!comment) throw new Error(`no comment was posted as ${caller} (PostComment runs first)`);
    return comment;
  }

  /** The comment a caller answers, votes on or reports: the other commenter's (one does not vote on one's own). */
  const otherCommenter = (caller: string) => (caller === "resident" ? "visitor" : "resident");

  function reportOf(caller: string): { id: string; token: string } {
    const report = found.reports.get(caller);
    if (!report) throw new Error(`no report was submitted as ${caller} (SubmitReport runs first)`);
    return report;
  }

  return CASES;
}

interface Question {
  id: string;
  kind: string;
  required: boolean;
  options: { id: string }[];
  scaleMin: number | null;
  showIf: { questionId: string; optionIds: string[] } | null;
}

/** A valid response to any questionnaire: `variant` picks other options (an edit that changes something). */
function answersTo(questions: readonly Question[], variant: number) {
  const chosen = new Map<string, string[]>();
  const answers: Record<string, unknown>[] = [];
  for (const question of questions) {
    const condition = question.showIf;
    if (condition && !(chosen.get(condition.questionId) ?? []).some((id) => condition.optionIds.includes(id)))
      continue;
    const options = question.options.map((option) => option.id);
    const pick = options[variant % Math.max(options.length, 1)];
    if ((question.kind === "SINGLE_CHOICE" || question.kind === "MULTIPLE_CHOICE") && pick) {
      chosen.set(question.id, [pick]);
      answers.push({ questionId: question.id, optionIds: [pick] });
    } else if (question.kind === "RANKING") {
      answers.push({ questionId: question.id, optionIds: variant ? [...options].reverse() : options });
    } else if (question.kind === "SCALE") {
      answers.push({ questionId: question.id, value: (question.scaleMin ?? 1) + variant });
    } else if (question.required) {
      answers.push({
        questionId: question.id,
        text: variant ? "Plus d'arbres, vraiment." : "Plus d'arbres.",
      });
    }
  }
  return answers;
}
