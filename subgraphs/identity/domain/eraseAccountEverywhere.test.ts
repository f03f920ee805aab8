import { describe, expect, it } from "vitest";
import { eraseAccountEverywhere } from "./eraseAccountEverywhere.ts";

const done = (subgraph: string) => ({ subgraph, erased: 1, pseudonymised: 2 });

describe("eraseAccountEverywhere", () => {
  it("erases every holder, identity last", async () => {
    const order: string[] = [];
    const outcome = await eraseAccountEverywhere(
      ["identity", "petitions", "reports"],
      async (name) => {
        order.push(name);
        return done(name);
      },
      async () => {
        order.push("identity");
        return done("identity");
      },
    );
    expect(order).toEqual(["petitions", "reports", "identity"]);
    expect(outcome.kind).toBe("erased");
  });

  it("keeps the identity record when a holder fails, so the erasure can be asked again", async () => {
    let identityErased = false;
    const outcome = await eraseAccountEverywhere(
      ["identity", "petitions", "reports"],
      async (name) => {
        if (name === "reports") throw new Error("down");
        return done(name);
      },
      async () => {
        identityErased = true;
        return done("identity");
      },
    );
    expect(outcome).toEqual({
      kind: "incomplete",
      erasures: [done("petitions")],
      pending: ["reports", "identity"],
    });
    expect(identityErased).toBe(false);
  });
});
