// A staff member explores the relations of a neighbourhood council: everything within two hops, both ways, with
// the typed and dated relations traversed; the walk is bounded in depth and in size, and the history of a record
// is for staff only.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DirectoryPlatform, errorsOf, startDirectoryPlatform } from "./support.ts";

const NEUDORF_COUNCIL = "conseil-de-quartier-neudorf-schluthfeld-port-du-rhin-musau";

const RELATIONS = /* GraphQL */ `
  query Relations($slug: String!, $depth: Int, $direction: RelationDirection, $types: [RelationType!],
                  $includeInactive: Boolean) {
    organizationBySlug(slug: $slug) {
      id name kind
      relations(depth: $depth, direction: $direction, types: $types, includeInactive: $includeInactive) {
        depth truncated
        nodes { distance organization { slug kind } }
        edges { id type validFrom validUntil active from { slug } to { slug } }
      }
    }
  }
`;

type Graph = {
  depth: number;
  truncated: boolean;
  nodes: { distance: number; organization: { slug: string } }[];
  edges: {
    type: string;
    validFrom: string | null;
    validUntil: string | null;
    active: boolean;
    from: { slug: string };
    to: { slug: string };
  }[];
};

const distances = (graph: Graph) =>
  Object.fromEntries(graph.nodes.map((node) => [node.organization.slug, node.distance]));

describe("relations of a neighbourhood council", () => {
  let platform: DirectoryPlatform;
  beforeAll(async () => {
    platform = await startDirectoryPlatform();
  });
  afterAll(() => platform?.close());

  const walk = async (variables: Record<string, unknown>, persona = "agent") => {
    const { body } = await platform.as(persona, RELATIONS, { slug: NEUDORF_COUNCIL, ...variables });
    expect(body.errors).toBeUndefined();
    return body.data?.organizationBySlug.relations as Graph;
  };

  it("finds everything within two hops, both ways", async () => {
    const graph = await walk({ depth: 2 });
    const found = distances(graph);
    // One hop: whoever convenes it, its direction de territoire, and its member associations.
    expect(found).toMatchObject({
      "ville-de-strasbourg": 1,
      "direction-de-territoire-neudorf": 1,
      "csc-neudorf": 1,
      "habitants-du-neudorf": 1,
      "jardins-partages-musau": 1,
    });
    // Two hops: the Eurométropole (the City is a member), the other councils (convened by the City), the CAF
    // (funds the CSC), the bike workshop (partner of the CSC).
    expect(found).toMatchObject({
      "eurometropole-de-strasbourg": 2,
      "conseil-de-quartier-meinau": 2,
      "caf-du-bas-rhin": 2,
      "velo-solidaire-port-du-rhin": 2,
    });
    // Three hops away (the CTS is a partner of the Eurométropole): not reached.
    expect(found).not.toHaveProperty("cts");
    expect(found).not.toHaveProperty(NEUDORF_COUNCIL);
    expect(graph).toMatchObject({ depth: 2, truncated: false });
    expect(graph.edges).toContainEqual(
      expect.objectContaining({
        type: "MEMBER_OF",
        from: { slug: "csc-neudorf" },
        to: { slug: NEUDORF_COUNCIL },
        validFrom: "2021-01-15",
        validUntil: null,
        active: true,
      }),
    );
    expect(graph.edges).toContainEqual(
      expect.objectContaining({
        type: "FUNDED_BY",
        from: { slug: "csc-neudorf" },
        to: { slug: "caf-du-bas-rhin" },
      }),
    );
  });

  it("follows one direction, or one type, when asked", async () => {
    const outgoing = distances(await walk({ depth: 2, direction: "OUTGOING" }));
    expect(Object.keys(outgoing).sort()).toEqual([
      "direction-de-territoire-neudorf",
      "eurometropole-de-strasbourg",
      "ville-de-strasbourg",
    ]);
    const incoming = distances(await walk({ depth: 2, direction: "INCOMING" }));
    expect(incoming).toEqual({
      "csc-neudorf": 1,
      "habitants-du-neudorf": 1,
      "jardins-partages-musau": 1,
      "velo-solidaire-port-du-rhin": 2,
    });
    const members = distances(await walk({ depth: 1, types: ["MEMBER_OF"] }));
    expect(Object.keys(members).sort()).toEqual([
      "csc-neudorf",
      "habitants-du-neudorf",
      "jardins-partages-musau",
    ]);
  });

  it("skips ended relations unless asked to include them", async () => {
    const current = await walk({ depth: 2 });
    const ended = (graph: Graph) =>
      graph.edges.filter(
        (edge) => edge.from.slug === "jardins-partages-musau" && edge.validUntil === "2023-12-31",
      );
    expect(ended(current)).toEqual([]);
    const all = await walk({ depth: 2, includeInactive: true });
    expect(ended(all)).toEqual([
      expect.objectContaining({ type: "FUNDED_BY", active: false, to: { slug: "ville-de-strasbourg" } }),
    ]);
  });

  it("refuses a depth beyond the limit, or below one", async () => {
    for (const depth of [4, 0, -1]) {
      const { body } = await platform.as("agent", RELATIONS, { slug: NEUDORF_COUNCIL, depth });
      expect(errorsOf(body)).toEqual([{ code: "BAD_USER_INPUT", path: "organizationBySlug.relations" }]);
      expect(body.errors?.[0]?.message).toMatch(/profondeur/);
    }
  });

  it("shows the history to staff and refuses it to residents", async () => {
    const query = `query($slug: String!) { organizationBySlug(slug: $slug) { name history { version origin changes } } }`;
    const staff = await platform.as("agent", query, { slug: NEUDORF_COUNCIL });
    expect(staff.body.errors).toBeUndefined();
    expect(staff.body.data?.organizationBySlug.history).toEqual([
      expect.objectContaining({ version: 1, origin: "creation" }),
    ]);
    const resident = await platform.as("resident", query, { slug: NEUDORF_COUNCIL });
    expect(errorsOf(resident.body)).toEqual([{ code: "FORBIDDEN", path: "organizationBySlug.history" }]);
    expect(resident.body.data?.organizationBySlug.name).toMatch(/Conseil de quartier/);
  });
});

describe("a walk bounded in size", () => {
  let platform: DirectoryPlatform;
  beforeAll(async () => {
    platform = await startDirectoryPlatform({ env: { DIRECTORY_RELATION_MAX_NODES: "10" } });
  });
  afterAll(() => platform?.close());

  it("stops after the configured number of paths and says so", async () => {
    const { body } = await platform.as("agent", RELATIONS, { slug: NEUDORF_COUNCIL, depth: 3 });
    const graph = body.data?.organizationBySlug.relations as Graph;
    expect(graph.truncated).toBe(true);
    expect(graph.nodes.length).toBeLessThanOrEqual(10);
    // Breadth first: what was kept is the nearest.
    expect(graph.nodes.filter((node) => node.distance === 1).length).toBe(5);
  });
});
