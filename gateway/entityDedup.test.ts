import { describe, expect, it } from "vitest";
import { withDedupedRepresentations } from "./entityDedup.ts";

const quartier = (id: string) => ({ __typename: "Quartier", id });
const request = (representations: unknown[]) => ({
  query: "query($representations: [_Any!]!) { _entities(representations: $representations) { ... } }",
  variables: { representations, other: 1 },
});

describe("entity representation dedup", () => {
  it("sends each distinct representation once and answers every original position", async () => {
    const sent: unknown[][] = [];
    const response = await withDedupedRepresentations(
      request([quartier("a"), quartier("b"), quartier("a"), quartier("a"), quartier("c"), quartier("b")]),
      async (r) => {
        const reps = r.variables?.representations as { id: string }[];
        sent.push(reps);
        expect(r.variables?.other).toBe(1);
        return { data: { _entities: reps.map((rep) => ({ name: `Q-${rep.id}`, nested: { n: rep.id } })) } };
      },
    );
    expect(sent).toEqual([[quartier("a"), quartier("b"), quartier("c")]]);
    const entities = (response.data as { _entities: { name: string; nested: object }[] })._entities;
    expect(entities.map((e) => e.name)).toEqual(["Q-a", "Q-b", "Q-a", "Q-a", "Q-c", "Q-b"]);
    // Repeats are copies: the gateway merges into each one separately.
    expect(entities[2]).toEqual(entities[0]);
    expect(entities[2]).not.toBe(entities[0]);
    expect(entities[2]?.nested).not.toBe(entities[0]?.nested);
  });

  it("fans an error about one representation out to every position it stood for", async () => {
    const response = await withDedupedRepresentations(
      request([quartier("a"), quartier("x"), quartier("x")]),
      async () => ({
        data: { _entities: [{ name: "Q-a" }, null] },
        errors: [
          { message: "introuvable", path: ["_entities", 1, "name"], extensions: { code: "NOT_FOUND" } },
          { message: "global" },
        ],
      }),
    );
    expect((response.data as { _entities: unknown[] })._entities).toEqual([{ name: "Q-a" }, null, null]);
    expect(response.errors?.map((e) => [e.message, e.path])).toEqual([
      ["introuvable", ["_entities", 1, "name"]],
      ["introuvable", ["_entities", 2, "name"]],
      ["global", undefined],
    ]);
  });

  it("leaves requests without repeats untouched", async () => {
    const original = request([quartier("a"), quartier("b")]);
    let seen: unknown;
    await withDedupedRepresentations(original, async (r) => {
      seen = r;
      return { data: { _entities: [] } };
    });
    expect(seen).toBe(original);
    const plain = { query: "{ quartiers { totalCount } }" };
    await withDedupedRepresentations(plain, async (r) => {
      seen = r;
      return { data: {} };
    });
    expect(seen).toBe(plain);
  });
});
