// Issue 15, item 5: no personal data in the logs. After hostile requests that carry the personas' names, e-mail
// addresses and phone numbers (in searches, ids, GET query strings, NUL bytes, forged tokens) and after database
// errors raised with those values as SQL parameters (PGlite's errors carry `params` and `query`; pg's carry
// `detail`), the captured log holds none of them, and no token (`eyJ`).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_PERSONAS } from "../../simulators/monstrasbourg/personas.ts";
import { type SignedInPlatform, startSignedInPlatform } from "../support/withMonStrasbourg.ts";

const lines: string[] = [];
const PEOPLE = DEFAULT_PERSONAS.slice(0, 6);
const who = (p: (typeof PEOPLE)[number]) =>
  `${p.firstName} ${p.lastName} ${p.email} ${p.phone ?? "+33612345678"}`;

/** What must never appear in a log line. */
const FORBIDDEN = [
  ...PEOPLE.flatMap((p) => [
    `${p.firstName} ${p.lastName}`,
    p.lastName,
    p.email,
    ...(p.phone ? [p.phone] : []),
  ]),
  "+33612345678",
  "eyJ",
];

describe("logs after hostile requests", () => {
  let platform: SignedInPlatform;
  beforeAll(async () => {
    platform = await startSignedInPlatform({ logDestination: { write: (line) => lines.push(line) } });
  });
  afterAll(() => platform?.close());

  it("name no one and hold no token", async () => {
    const resident = await platform.token("resident");
    const agent = await platform.token("agent");
    for (const person of PEOPLE) {
      const text = who(person);
      for (const search of [text, `${text}\u0000`, `%${text}_`]) {
        await platform.graphql("query($t: String) { petitions(search: $t) { totalCount } }", { t: search });
        await platform.graphql("query($t: String) { organizations(filter: { search: $t }) { totalCount } }", {
          t: search,
        });
      }
      await platform.graphql("query($id: ID!) { quartier(id: $id) { name } }", { id: person.email });
      await platform.graphql(
        "query($t: String!) { organizationBySlug(slug: $t) { id } }",
        { t: text },
        {
          token: resident,
        },
      );
      await platform.graphql("query($id: ID!) { report(id: $id) { id } }", { id: text }, { token: agent });
      await platform.graphql("{ me { id } }", {}, { token: `${resident.slice(0, -4)}AAAA` });
      await platform.graphql("{ me { id } }", {}, { token: `eyJ${Buffer.from(text).toString("base64url")}` });
      const get = new URL(platform.url);
      get.searchParams.set("query", "query($t: String) { petitions(search: $t) { totalCount } }");
      get.searchParams.set("variables", JSON.stringify({ t: text }));
      await fetch(get, { headers: { "apollo-require-preflight": "1", authorization: `Bearer ${resident}` } });
      // Database errors whose parameters and detail hold the person's data, as a resolver would log them.
      for (const sql of ["SELECT $1::uuid", "SELECT $1::int", "SELECT 1 FROM no_such_table WHERE $1 = 'x'"]) {
        const error = await platform.db.query(sql, [text]).then(
          () => null,
          (e: unknown) => e,
        );
        expect(error).toBeTruthy();
        platform.log.error({ err: error }, "unexpected resolver error");
      }
    }
    const log = lines.join("");
    expect(log).toContain("unexpected resolver error");
    for (const needle of FORBIDDEN) {
      const at = log.indexOf(needle);
      expect(
        at === -1 ? null : log.slice(Math.max(0, at - 200), at + 100),
        `log contains ${needle}`,
      ).toBeNull();
    }
  });
});
