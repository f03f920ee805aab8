// Issue 15, item 3 (GDPR): what partners receive names no one. Events of every type partners may subscribe to are
// generated through the public API by the personas (a report with their own text, a status change with a note
// and a reason, a "me too", a rerouting, petitions published, rejected, past a milestone and answered), relayed
// from the reports and petitions outboxes to a partner subscribed to every type, and each delivered body is
// searched for the personas' account ids, names, e-mail addresses and phone numbers and for every text a person
// wrote — unless its type is declared public. Subscription filters on fields partners do not receive are refused.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pseudonymousAccountId } from "../../platform/ids.ts";
import { DEFAULT_PERSONAS } from "../../simulators/monstrasbourg/personas.ts";
import { sqlNotificationStore } from "../../subgraphs/notifications/adapters/sqlNotificationStore.ts";
import { partnerEventCatalog } from "../../subgraphs/notifications/partnerEvents.ts";
import { createOutboxRelay, outboxCall } from "../../subgraphs/notifications/relay.ts";
import { validateSubscription } from "../../subgraphs/notifications/subscriptions.ts";
import {
  deduplicated,
  type NotificationsPlatform,
  type Partner,
  startNotificationsPlatform,
  startPartner,
} from "../notifications/support.ts";
import { CREATE, PUBLISH, petitionInput, REJECT, RESPOND, SIGN, SUBMIT } from "../petitions/support.ts";
import { NEUDORF } from "../reports/support.ts";

const PARTNER_EVENTS = partnerEventCatalog();

/** Texts the personas write in this test: none may reach a partner. */
const WRITTEN = {
  report: "Camille a vu un nid-de-poule devant le 12 rue de Lunéville, appelez-la au 06 00 00 00 01.",
  note: "Note publique de Sophie Schmitt : équipe envoyée.",
  reason: "Motif écrit par l'agent Thomas Weber.",
  rerouteNote: "Réacheminé par Sophie Schmitt vers la voirie.",
  title: "Des bancs à l'ombre place du Marché-Gayot",
  body: "Camille Muller, habitante du 12 rue de Lunéville, demande des bancs ombragés sur la place pour les aînés du quartier.",
  rejection: "Refus motivé par la modératrice Nathalie Klein.",
  response:
    "Réponse de la Ville rédigée par Julien Meyer : des bancs seront installés au printemps prochain.",
};

const subscribe = `mutation($input: CreateWebhookSubscriptionInput!) { createWebhookSubscription(input: $input) {
  __typename ... on WebhookSubscriptionCreated { secret } ... on UnknownFilterField { field message } } }`;

describe("partner webhooks carry no personal data", () => {
  let platform: NotificationsPlatform;
  let partner: Partner;
  let partnerToken: string;
  const tokens: Record<string, string> = {};
  const accountIds: string[] = [];

  beforeAll(async () => {
    platform = await startNotificationsPlatform({ PETITION_MEETING_THRESHOLD: "1" });
    partner = await startPartner();
    partnerToken = await platform.simulator.issuePartnerToken(undefined, "reports:read");
    for (const persona of ["resident", "visitor", "agent", "moderator"]) {
      tokens[persona] = await platform.token(persona);
      const { body } = await platform.graphql<{ me: { id: string } }>("{ me { id } }", undefined, {
        token: tokens[persona],
      });
      accountIds.push(body.data?.me.id as string);
    }
    for (const persona of DEFAULT_PERSONAS)
      accountIds.push(pseudonymousAccountId(persona.uuid, platform.config.PSEUDONYM_SECRET));
  });
  afterAll(async () => {
    await platform?.close();
    await partner?.close();
  });

  it("refuses a filter on a field partners do not receive, with a typed problem", async () => {
    for (const field of ["reporterAccountId", "note", "authorId"]) {
      const { body } = await platform.graphql<{
        createWebhookSubscription: { __typename: string; field?: string };
      }>(
        subscribe,
        {
          input: {
            url: partner.url,
            eventTypes: ["report.status_changed"],
            filters: [{ field, value: "x" }],
          },
        },
        { token: partnerToken },
      );
      expect(body.data?.createWebhookSubscription, JSON.stringify(body)).toMatchObject({
        __typename: "UnknownFilterField",
        field,
      });
    }
    // A projected field of one type but not of another subscribed type is refused too.
    const { body } = await platform.graphql<{ createWebhookSubscription: { __typename: string } }>(
      subscribe,
      {
        input: {
          url: partner.url,
          eventTypes: ["report.status_changed", "report.supported"],
          filters: [{ field: "serviceCode", value: "DMEPN" }],
        },
      },
      { token: partnerToken },
    );
    expect(body.data?.createWebhookSubscription.__typename).toBe("UnknownFilterField");
  });

  it("delivers every event type with its projection only", async () => {
    const everything = await platform.simulator.issuePartnerToken(undefined, "reports:read");
    const scopes = await platform.graphql<{
      createWebhookSubscription: { __typename: string; secret?: string };
    }>(
      subscribe,
      { input: { url: partner.url, eventTypes: Object.keys(PARTNER_EVENTS) } },
      { token: everything },
    );
    // ems-partner has no petitions:read: a client that has it subscribes to the petitions' events.
    expect(scopes.body.data?.createWebhookSubscription.__typename).toBe("MissingScope");
    const valid = validateSubscription(
      { url: partner.url, eventTypes: Object.keys(PARTNER_EVENTS) },
      { clientId: "ems-partner", scopes: ["reports:read", "petitions:read"] },
      false,
    );
    if (!valid.ok) throw new Error(valid.problem.message);
    partner.secret = (await sqlNotificationStore(platform.db).saveSubscription(valid.subscription)).secret;

    // Reports: submitted, changed with a note and a reason, supported, rerouted, merged as a duplicate.
    const submit = async () => {
      const answer = await platform.submit(
        {
          categoryCode: "chaussee-degradee",
          location: NEUDORF,
          description: WRITTEN.report,
          attributes: [{ code: "taille", values: ["moyen"] }],
        },
        tokens.resident,
      );
      return (answer.result as unknown as { report: { id: string } }).report.id;
    };
    const reportId = await submit();
    const duplicateId = await submit();
    const agent = { token: tokens.agent as string };
    const changed = await platform.graphql<{ changeReportStatus: { __typename: string } }>(
      "mutation($input: ChangeReportStatusInput!) { changeReportStatus(input: $input) { __typename } }",
      { input: { reportId, status: "ACKNOWLEDGED", note: WRITTEN.note, reason: WRITTEN.reason } },
      agent,
    );
    expect(changed.body.data?.changeReportStatus.__typename, JSON.stringify(changed.body)).toBe(
      "ReportStatusChanged",
    );
    const supported = await platform.graphql<{ supportReport: { __typename: string } }>(
      "mutation($id: ID!) { supportReport(reportId: $id) { __typename } }",
      { id: reportId },
      { token: tokens.visitor as string },
    );
    expect(supported.body.data?.supportReport.__typename).toBe("ReportSupported");
    const merged = await platform.graphql<{ mergeReports: { __typename: string } }>(
      "mutation($input: MergeReportsInput!) { mergeReports(input: $input) { __typename } }",
      { input: { duplicateId, intoId: reportId, note: WRITTEN.note } },
      agent,
    );
    expect(merged.body.data?.mergeReports.__typename).toBe("ReportsMerged");
    const services = await platform.graphql<{ responsibleServices: { code: string }[] }>(
      "{ responsibleServices { code } }",
    );
    const other = services.body.data?.responsibleServices.find((s) => s.code !== "DMEPN")?.code;
    const rerouted = await platform.graphql<{ rerouteReport: { __typename: string } }>(
      "mutation($input: RerouteReportInput!) { rerouteReport(input: $input) { __typename } }",
      { input: { reportId, serviceCode: other, note: WRITTEN.rerouteNote } },
      agent,
    );
    expect(rerouted.body.data?.rerouteReport.__typename).toBe("ReportRerouted");

    // Petitions: published, past the first milestone (threshold 1), answered; another one rejected.
    const moderator = { token: tokens.moderator as string };
    const petition = async () => {
      const created = await platform.graphql<{ createPetition: { petition: { id: string } } }>(
        CREATE,
        { input: petitionInput({ title: WRITTEN.title, body: WRITTEN.body }) },
        { token: tokens.resident as string },
      );
      const id = created.body.data?.createPetition.petition.id as string;
      expect(id, JSON.stringify(created.body)).toBeTruthy();
      await platform.graphql(SUBMIT, { id }, { token: tokens.resident as string });
      return id;
    };
    const published = await petition();
    const publish = await platform.graphql<{ publishPetition: { __typename: string } }>(
      PUBLISH,
      { id: published },
      moderator,
    );
    expect(publish.body.data?.publishPetition.__typename).toBe("PetitionPublished");
    const signed = await platform.graphql<{ signPetition: { __typename: string } }>(
      SIGN,
      { petitionId: published, key: `k-${Date.now()}`, publicName: "Camille Muller" },
      { token: tokens.resident as string },
    );
    expect(signed.body.data?.signPetition.__typename, JSON.stringify(signed.body)).toBe("PetitionSigned");
    const answered = await platform.graphql<{ respondToPetition: { __typename: string } }>(
      RESPOND,
      { id: published, response: WRITTEN.response },
      agent,
    );
    expect(answered.body.data?.respondToPetition.__typename, JSON.stringify(answered.body)).toBe(
      "PetitionAnswered",
    );
    const rejected = await petition();
    const reject = await platform.graphql<{ rejectPetition: { __typename: string } }>(
      REJECT,
      { id: rejected, reason: WRITTEN.rejection },
      moderator,
    );
    expect(reject.body.data?.rejectPetition.__typename).toBe("PetitionRejected");

    // The worker's passes over both outboxes (one event per subject and pass: events keep their order).
    const dispatch = platform.dispatcher();
    const relays = [
      platform.relay(),
      createOutboxRelay(outboxCall(platform.internal, "petitions"), { source: "petitions" }),
    ];
    for (let pass = 0; pass < 6; pass++) for (const relay of relays) await platform.pass(relay, dispatch);

    const received = deduplicated(partner.received);
    expect(received.every((event) => event.signatureValid)).toBe(true);
    expect(new Set(received.map((event) => event.type))).toEqual(new Set(Object.keys(PARTNER_EVENTS)));

    const people = DEFAULT_PERSONAS.flatMap((p) => [
      p.uuid,
      p.firstName,
      p.lastName,
      p.email,
      ...(p.username ? [p.username] : []),
      ...(p.phone ? [p.phone, p.phone.replace("+33", "0")] : []),
    ]);
    const texts = Object.values(WRITTEN).flatMap((text) => [text, text.slice(0, 24)]);
    for (const event of received) {
      const declaration = PARTNER_EVENTS[event.type];
      expect(declaration, event.type).toBeDefined();
      expect(Object.keys(event.data).every((field) => field in (declaration?.fields ?? {}))).toBe(true);
      if (declaration?.public) continue;
      const body = JSON.stringify(event);
      for (const needle of [...accountIds, ...people, ...texts])
        expect(body.includes(needle), `${event.type} carries ${needle}`).toBe(false);
    }
  });
});
