import { parse } from "graphql";
import { describe, expect, it } from "vitest";
import { OUTBOX_PERMISSIONS, withOutbox } from "./outboxResolvers.ts";
import { allow } from "./permissions.ts";
import type { SubgraphModule } from "./subgraphServer.ts";

const HOST = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@shareable", "@inaccessible"])
scalar DateTime
type Query { hello: String }
type Mutation { doIt: Boolean }`;

const module = (sdl: string): SubgraphModule => ({
  name: "reports",
  typeDefs: parse(sdl),
  resolvers: { Query: { hello: () => "x" }, Mutation: { doIt: () => true } },
  permissions: { Query: { hello: allow }, Mutation: { doIt: allow } },
  createLoaders: () => ({}),
});

describe("withOutbox", () => {
  it("adds the outbox operations, their resolvers and system-only rules, keeping the subgraph's own", () => {
    const merged = withOutbox(module(HOST));
    const mutation = merged.typeDefs.definitions.flatMap((d) =>
      d.kind === "ObjectTypeExtension" && d.name.value === "Mutation" ? (d.fields ?? []) : [],
    );
    expect(mutation.map((field) => field.name.value)).toEqual([
      "_claimEvents",
      "_acknowledgeEvents",
      "_failEvent",
      "_replayDeadLettered",
    ]);
    expect(Object.keys(merged.resolvers.Mutation as object)).toEqual(
      expect.arrayContaining(["doIt", "_claimEvents", "_failEvent"]),
    );
    const rules = merged.permissions as Record<string, Record<string, unknown>>;
    expect(rules.Mutation?.doIt).toBe(allow);
    expect(rules.Mutation?._claimEvents).toBe(OUTBOX_PERMISSIONS.Mutation._claimEvents);
    expect(rules.Query?._deadLetteredEvents).toBe(OUTBOX_PERMISSIONS.Query._deadLetteredEvents);
  });

  it("says at start-up what a subgraph's schema lacks", () => {
    expect(() => withOutbox(module(HOST.replace(', "@inaccessible"', "")))).toThrow(/@inaccessible/);
    expect(() => withOutbox(module(HOST.replace("scalar DateTime", "")))).toThrow(/DateTime/);
  });
});
