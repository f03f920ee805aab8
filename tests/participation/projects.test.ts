// Issue 20, items 1–2: staff create projects with a timeline and consultations with their meetings and documents;
// everyone reads them; the calendar announces started steps and opened or ended consultations once each; bad input
// gets typed problems and changes nothing; only staff create.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SignedInPlatform, startSignedInPlatform } from "../../harness/withMonStrasbourg.ts";
import {
  ADD_STEP,
  advanceCalendar,
  CLOSE_CONSULTATION,
  CONSULTATION,
  CREATE_CONSULTATION,
  CREATE_PROJECT,
  consultationInput,
  type Data,
  inHours,
  LINK_PROJECT,
  outbox,
  PROJECT,
  projectInput,
} from "./support.ts";

describe("city projects and consultations", () => {
  let platform: SignedInPlatform;
  let agent = "";
  let resident = "";

  beforeAll(async () => {
    platform = await startSignedInPlatform();
    agent = await platform.token("agent");
    resident = await platform.token("resident");
  }, 180_000);
  afterAll(async () => {
    await platform?.close();
  });

  const staff = <T = Data>(query: string, variables: Record<string, unknown>) =>
    platform.graphql<T>(query, variables, { token: agent });

  it("staff create a project with its timeline; anyone reads it with each step's status", async () => {
    const { body } = await staff(CREATE_PROJECT, { input: projectInput() });
    expect(body.errors).toBeUndefined();
    expect(body.data?.createProject.__typename).toBe("ProjectCreated");
    const id = body.data?.createProject.project.id;

    const read = await platform.graphql<Data>(PROJECT, { id });
    expect(read.body.errors).toBeUndefined();
    expect(read.body.data?.project).toMatchObject({
      title: "Réaménagement de la place du Marché",
      budget: "2,4 M€ TTC",
      duration: "18 mois",
      partners: ["Eurométropole", "CTS"],
      places: [{ name: "Place du Marché", lat: 48.5839, lon: 7.7455 }],
      consultations: [],
    });
    expect(read.body.data?.project.timeline.map((step: Data) => [step.title, step.status])).toEqual([
      ["Diagnostic", "PAST"],
      ["Concertation", "CURRENT"],
      ["Travaux", "UPCOMING"],
    ]);
    // Steps that had started before the project existed are never announced.
    expect(await advanceCalendar(platform)).toBe(0);
  });

  it("links a project to petitions, budget projects and agenda events by reference, once each", async () => {
    const { body } = await staff(CREATE_PROJECT, {
      input: projectInput({ title: "Piste cyclable du Neudorf" }),
    });
    const projectId = body.data?.createProject.project.id;
    const target = "0193a000-0000-7000-8000-000000000001";
    for (const kind of ["PETITION", "PETITION", "BUDGET_PROJECT", "AGENDA_EVENT"]) {
      const linked = await staff(LINK_PROJECT, { projectId, kind, targetId: target });
      expect(linked.body.data?.linkProject.__typename).toBe("ProjectLinked");
    }
    const read = await platform.graphql<Data>(PROJECT, { id: projectId });
    // The targets belong to other subgraphs, which resolve unknown ids to null.
    expect(read.body.data?.project.petitions).toHaveLength(1);
    expect(read.body.data?.project.budgetProjects).toHaveLength(1);
    expect(read.body.data?.project.agendaEvents).toHaveLength(1);
  });

  it("creates a consultation of a project, open at once, announced once; staff close it, announced once", async () => {
    const created = await staff(CREATE_PROJECT, { input: projectInput({ title: "Parc de la Citadelle" }) });
    const projectId = created.body.data?.createProject.project.id;
    const { body } = await staff(CREATE_CONSULTATION, {
      input: consultationInput({
        projectId,
        eligibility: { minimumAge: 16, requireResident: true },
      }),
    });
    expect(body.errors).toBeUndefined();
    expect(body.data?.createConsultation).toMatchObject({ __typename: "ConsultationCreated" });
    const id = body.data?.createConsultation.consultation.id;
    expect(body.data?.createConsultation.consultation.status).toBe("OPEN");

    const read = await platform.graphql<Data>(CONSULTATION, { id });
    expect(read.body.errors).toBeUndefined();
    expect(read.body.data?.consultation).toMatchObject({
      kind: "CONCERTATION",
      status: "OPEN",
      project: { id: projectId, title: "Parc de la Citadelle" },
      eligibility: { minimumAge: 16, requireResident: true, requirePact: false, quartiers: [] },
      meetings: [
        { title: "Atelier public à la médiathèque", address: "1 place du Marché", agendaEvent: null },
      ],
      documents: [{ title: "Dossier de concertation", url: "https://www.strasbourg.eu/dossier.pdf" }],
    });
    const project = await platform.graphql<Data>(PROJECT, { id: projectId });
    expect(project.body.data?.project.consultations).toEqual([
      { id, title: "Quelle place du Marché voulez-vous ?", status: "OPEN" },
    ]);

    const opened = (await outbox(platform)).filter((event) => event.subject === `consultation:${id}`);
    expect(opened.map((event) => event.type)).toEqual(["participation.consultation_opened"]);
    expect(opened[0]?.payload).toMatchObject({ consultationId: id, projectId });
    expect(await advanceCalendar(platform)).toBe(0);

    const closed = await staff(CLOSE_CONSULTATION, { id });
    expect(closed.body.data?.closeConsultation).toMatchObject({
      __typename: "ConsultationClosed",
      consultation: { status: "CLOSED" },
    });
    const again = await staff(CLOSE_CONSULTATION, { id });
    expect(again.body.data?.closeConsultation).toMatchObject({
      __typename: "ConsultationNotOpen",
      status: "CLOSED",
    });
    const events = (await outbox(platform)).filter((event) => event.subject === `consultation:${id}`);
    expect(events.map((event) => event.type)).toEqual([
      "participation.consultation_opened",
      "participation.consultation_closed",
    ]);
  });

  it("announces a step when it starts and a consultation when its period opens and ends, once each", async () => {
    const created = await staff(CREATE_PROJECT, {
      input: projectInput({ title: "Tram vers Kehl", timeline: [] }),
    });
    const projectId = created.body.data?.createProject.project.id;
    const step = await staff(ADD_STEP, {
      projectId,
      input: { title: "Enquête publique", startsAt: inHours(2) },
    });
    expect(step.body.data?.addProjectStep).toMatchObject({
      __typename: "ProjectStepAdded",
      step: { status: "UPCOMING" },
    });
    const later = await staff(CREATE_CONSULTATION, {
      input: consultationInput({
        projectId,
        participationStartsAt: inHours(1),
        participationEndsAt: inHours(3),
      }),
    });
    const consultationId = later.body.data?.createConsultation.consultation.id;
    expect(later.body.data?.createConsultation.consultation.status).toBe("UPCOMING");
    expect(await advanceCalendar(platform)).toBe(0);

    // The clock moves on (the rows are moved back in time instead).
    await platform.db.query(
      "UPDATE participation.project_step SET starts_at = now() - interval '1 minute' WHERE project_id = $1::uuid",
      [projectId],
    );
    await platform.db.query(
      `UPDATE participation.consultation SET participation_starts_at = now() - interval '2 hours',
         participation_ends_at = now() - interval '1 minute' WHERE id = $1::uuid`,
      [consultationId],
    );
    expect(await advanceCalendar(platform)).toBe(3);
    expect(await advanceCalendar(platform)).toBe(0);
    const events = (await outbox(platform)).filter(
      (event) =>
        event.subject === `project:${projectId}` || event.subject === `consultation:${consultationId}`,
    );
    expect(events.map((event) => event.type).sort()).toEqual([
      "participation.consultation_closed",
      "participation.consultation_opened",
      "participation.step_started",
    ]);
    expect(events.find((event) => event.type === "participation.step_started")?.payload).toMatchObject({
      projectId,
      stepTitle: "Enquête publique",
    });
  });

  it("hides a consultation before its publication from everyone but staff", async () => {
    const { body } = await staff(CREATE_CONSULTATION, {
      input: consultationInput({
        title: "Consultation encore confidentielle",
        publicationStartsAt: inHours(24),
        participationStartsAt: inHours(48),
        participationEndsAt: inHours(96),
      }),
    });
    const id = body.data?.createConsultation.consultation.id;
    expect((await platform.graphql<Data>(CONSULTATION, { id })).body.data?.consultation).toBeNull();
    expect(
      (await platform.graphql<Data>(CONSULTATION, { id }, { token: resident })).body.data?.consultation,
    ).toBeNull();
    expect((await staff(CONSULTATION, { id })).body.data?.consultation.status).toBe("UPCOMING");
    const list = await platform.graphql<Data>(`{ consultations(first: 100) { edges { node { id } } } }`);
    expect(list.body.data?.consultations.edges.map((edge: Data) => edge.node.id)).not.toContain(id);
  });

  it("pages projects newest first with opaque cursors", async () => {
    const first = await platform.graphql<Data>(
      `{ projects(first: 2) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }`,
    );
    expect(first.body.data?.projects.edges).toHaveLength(2);
    expect(first.body.data?.projects.pageInfo.hasNextPage).toBe(true);
    const next = await platform.graphql<Data>(
      `query Next($after: String) { projects(first: 100, after: $after) { edges { node { id } } } }`,
      { after: first.body.data?.projects.pageInfo.endCursor },
    );
    const seen = first.body.data?.projects.edges.map((edge: Data) => edge.node.id);
    for (const edge of next.body.data?.projects.edges ?? []) expect(seen).not.toContain(edge.node.id);
  });

  it.each([
    ["an empty title", { title: "  " }, "title"],
    [
      "a step ending before it starts",
      { timeline: [{ title: "Étape", startsAt: inHours(2), endsAt: inHours(1) }] },
      "timeline[0].endsAt",
    ],
    ["a place off the globe", { places: [{ name: "Nulle part", lat: 91, lon: 0 }] }, "places[0].lat"],
    ["an image over http", { imageUrl: "http://exemple.fr/image.png" }, "imageUrl"],
  ])("refuses a project with %s (typed, nothing stored)", async (_label, overrides, field) => {
    const [before] = await platform.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM participation.project",
    );
    const { body } = await staff(CREATE_PROJECT, { input: projectInput(overrides) });
    expect(body.data?.createProject).toMatchObject({ __typename: "InvalidParticipationInput", field });
    const [after] = await platform.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM participation.project",
    );
    expect(after).toEqual(before);
  });

  it.each([
    ["a period that ends before it starts", { participationEndsAt: inHours(-2) }, "participationEndsAt"],
    ["a minimum age of 12", { eligibility: { minimumAge: 12 } }, "eligibility.minimumAge"],
    [
      "a document over http",
      { documents: [{ title: "Dossier", url: "http://exemple.fr/d.pdf" }] },
      "documents[0].url",
    ],
  ])("refuses a consultation with %s (typed)", async (_label, overrides, field) => {
    const { body } = await staff(CREATE_CONSULTATION, { input: consultationInput(overrides) });
    expect(body.data?.createConsultation).toMatchObject({ __typename: "InvalidParticipationInput", field });
  });

  it("refuses a consultation of an unknown project", async () => {
    const { body } = await staff(CREATE_CONSULTATION, {
      input: consultationInput({ projectId: "0193a000-0000-7000-8000-0000000000ff" }),
    });
    expect(body.data?.createConsultation.__typename).toBe("ProjectNotFound");
  });

  it("lets only staff create (citizens FORBIDDEN, anonymous UNAUTHENTICATED)", async () => {
    const citizen = await platform.graphql<Data>(
      CREATE_PROJECT,
      { input: projectInput() },
      { token: resident },
    );
    expect(citizen.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const anonymous = await platform.graphql<Data>(CREATE_CONSULTATION, { input: consultationInput() });
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  // The map's PROJECTS layer: the directory's mapFeatures asks participation (_participationMapFeatures, system
  // caller) for the projects with a place in the rectangle, one point at each project's first place. Here, on
  // the platform of this file (its other projects sit at the place du Marché): rectangles around places of their own.
  it("shows projects on the map's PROJECTS layer at their first place; a project without a place on none", async () => {
    const created: Record<string, string> = {};
    for (const [label, overrides] of [
      [
        "robertsau",
        {
          title: "Parc de la Robertsau",
          places: [
            { name: "Entrée du parc", lat: 48.6051, lon: 7.7812 },
            { name: "Étang", lat: 48.6062, lon: 7.7831 },
          ],
        },
      ],
      [
        "molsheim",
        { title: "Piste cyclable de Molsheim", places: [{ name: "Molsheim", lat: 48.5417, lon: 7.4922 }] },
      ],
      ["nowhere", { title: "Charte de la participation", places: [] }],
    ] as const) {
      const { body } = await staff(CREATE_PROJECT, { input: projectInput(overrides) });
      created[label] = body.data?.createProject.project.id;
    }
    expect(Object.values(created).filter(Boolean)).toHaveLength(3);
    const map = async (bbox: Record<string, number>, layers = ["PROJECTS"]) => {
      const { body } = await platform.graphql<Data>(
        `query Map($bbox: BoundingBox!, $layers: [MapLayer!]!) {
          mapFeatures(bbox: $bbox, layers: $layers) { featureCollection layers { layer count featureCount clustered } }
        }`,
        { bbox, layers },
      );
      expect(body.errors).toBeUndefined();
      return body.data?.mapFeatures;
    };

    const robertsau = await map({ west: 7.775, south: 48.6, east: 7.79, north: 48.61 }, [
      "PROJECTS",
      "QUARTIERS",
    ]);
    expect(robertsau.layers[0]).toMatchObject({
      layer: "PROJECTS",
      count: 1,
      featureCount: 1,
      clustered: false,
    });
    expect(robertsau.layers[1]).toMatchObject({ layer: "QUARTIERS" });
    expect(
      (robertsau.featureCollection.features as Data[]).filter(
        (feature) => feature.properties.layer === "projects",
      ),
    ).toEqual([
      expect.objectContaining({
        geometry: { type: "Point", coordinates: [7.7812, 48.6051] },
        properties: expect.objectContaining({
          id: created.robertsau,
          title: "Parc de la Robertsau",
          place: "Entrée du parc",
        }),
      }),
    ]);

    const strasbourg = await map({ west: 7.68, south: 48.52, east: 7.84, north: 48.63 });
    const ids = JSON.stringify(strasbourg.featureCollection);
    expect(ids).toContain(created.robertsau);
    expect(ids).not.toContain(created.molsheim);
    expect(ids).not.toContain(created.nowhere);
    const molsheim = await map({ west: 7.45, south: 48.5, east: 7.55, north: 48.6 });
    expect(molsheim.layers[0]).toMatchObject({ count: 1 });
    expect(molsheim.featureCollection.features[0].properties.id).toBe(created.molsheim);
  });
});
