// Pure rules of the petitions domain: texts, eligibility, the displayed status, milestones and transitions.
import { describe, expect, it } from "vitest";
import { ANONYMOUS, type Caller } from "../../../platform/caller.ts";
import { loadConfig } from "../../../platform/config.ts";
import { ineligibilityOf } from "./eligibility.ts";
import type { PetitionRecord } from "./model.ts";
import { DAY_MS, rulesFromConfig } from "./rules.ts";
import {
  canTransition,
  canView,
  displayedStatusOf,
  isPublic,
  isSigningOpen,
  milestonesCrossed,
} from "./status.ts";
import { checkText, cleanText, escapeHtml, lengthOf, toHtml } from "./text.ts";

const rules = rulesFromConfig(loadConfig({}));

const resident: Caller = {
  kind: "citizen",
  accountId: "0190a1b2-0000-8000-8000-000000000001",
  roles: ["citizen"],
  staffService: null,
  partnerClientId: null,
  scopes: [],
  verificationLevel: "resident_verified",
  claims: { eurometropoleResident: true, participationPactSigned: true, ageBand: "18_plus" },
};

describe("texts", () => {
  it("normalises without interpreting markup", () => {
    expect(cleanText("  <b>Vélo</b>\r\n\r\n\r\n\r\nsuite\u202E  ", { multiline: true })).toBe(
      "<b>Vélo</b>\n\nsuite",
    );
    expect(cleanText(" un\ttitre \n sur\u0007 deux lignes ", { multiline: false })).toBe(
      "un titre sur deux lignes",
    );
    expect(cleanText("e\u0301te\u0301", { multiline: false })).toBe("été");
  });

  it("measures characters, not UTF-16 units, against the limits", () => {
    expect(lengthOf("🚲🚲")).toBe(2);
    expect(checkText("", rules.text.title)).toBe("empty");
    expect(checkText("court", rules.text.title)).toBe("too_short");
    expect(checkText("x".repeat(rules.text.title.max + 1), rules.text.title)).toBe("too_long");
    expect(checkText("🚲".repeat(rules.text.title.max), rules.text.title)).toBeNull();
  });

  it("escapes HTML and renders paragraphs", () => {
    expect(escapeHtml(`<script>alert('x') && "y"</script>`)).toBe(
      "&lt;script&gt;alert(&#39;x&#39;) &amp;&amp; &quot;y&quot;&lt;/script&gt;",
    );
    expect(toHtml("un\ndeux\n\n<trois>")).toBe("<p>un<br>deux</p><p>&lt;trois&gt;</p>");
  });
});

describe("eligibility", () => {
  it("accepts a verified resident who signed the pact", () => {
    expect(ineligibilityOf(resident, rules)).toEqual([]);
  });

  it("gives every unmet condition", () => {
    expect(ineligibilityOf(ANONYMOUS, rules)).toEqual(["not_a_person"]);
    expect(
      ineligibilityOf(
        {
          ...resident,
          verificationLevel: "email_verified",
          claims: { eurometropoleResident: false, participationPactSigned: false, ageBand: null },
        },
        rules,
      ),
    ).toEqual(["verification_too_low", "not_resident", "pact_not_signed", "age_unknown"]);
    expect(
      ineligibilityOf({ ...resident, claims: { ...resident.claims, ageBand: "under_16" } }, rules),
    ).toEqual(["too_young"]);
    expect(ineligibilityOf({ ...resident, kind: "partner", accountId: null }, rules)).toEqual([
      "not_a_person",
    ]);
  });

  it("follows the configuration", () => {
    const lenient = rulesFromConfig(
      loadConfig({
        PETITION_SIGN_MIN_VERIFICATION: "email_verified",
        PETITION_SIGN_REQUIRE_RESIDENT: "false",
        PETITION_SIGN_REQUIRE_PACT: "false",
        PETITION_SIGN_MIN_AGE: "18",
      }),
    );
    const visitor: Caller = {
      ...resident,
      verificationLevel: "email_verified",
      claims: { eurometropoleResident: false, participationPactSigned: false, ageBand: "16_17" },
    };
    expect(ineligibilityOf(visitor, lenient)).toEqual(["too_young"]);
    expect(() => rulesFromConfig(loadConfig({ PETITION_COUNCIL_THRESHOLD: "400" }))).toThrow(/COUNCIL/);
  });
});

describe("status", () => {
  const now = new Date("2026-12-01T12:00:00Z");
  const day = (n: number) => new Date(now.getTime() + n * DAY_MS);
  const petition = (overrides: Partial<PetitionRecord>) =>
    ({
      state: "published",
      publishedAt: day(-30),
      signingStartsAt: day(-30),
      signingEndsAt: day(60),
      signatureCount: 10,
      authorAccountId: "0190a1b2-0000-8000-8000-00000000aaaa",
      ...overrides,
    }) as PetitionRecord;

  it.each([
    ["draft", { state: "draft", publishedAt: null, signingStartsAt: null, signingEndsAt: null }, null],
    [
      "not open yet",
      { signingStartsAt: day(3), signingEndsAt: day(93), publishedAt: day(-1) },
      "soon_arrived",
    ],
    ["just opened", { signingStartsAt: day(-2) }, "new"],
    ["running", {}, "in_progress"],
    ["ending in 5 days", { signingEndsAt: day(5) }, "soon_finished"],
    ["quota reached", { signatureCount: 2_800 }, "completed"],
    ["quota reached, period over", { signatureCount: 3_000, signingEndsAt: day(-1) }, "completed"],
    ["period over", { signingEndsAt: day(-1) }, "failed"],
    ["closed", { state: "closed", signingEndsAt: day(-1) }, "failed"],
    ["answered below quota", { state: "answered", signatureCount: 600 }, "failed"],
    ["withdrawn after publication", { state: "withdrawn" }, "failed"],
    [
      "withdrawn draft",
      { state: "withdrawn", publishedAt: null, signingStartsAt: null, signingEndsAt: null },
      null,
    ],
    ["rejected", { state: "rejected", publishedAt: null, signingStartsAt: null, signingEndsAt: null }, null],
  ] as const)("%s → %s", (_label, overrides, expected) => {
    expect(displayedStatusOf(petition(overrides as Partial<PetitionRecord>), rules, now)).toBe(expected);
  });

  it("opens signing only during the period of a published petition", () => {
    expect(isSigningOpen(petition({}), now)).toBe(true);
    expect(isSigningOpen(petition({ signingEndsAt: now }), now)).toBe(false);
    expect(isSigningOpen(petition({ signingStartsAt: day(1) }), now)).toBe(false);
    expect(isSigningOpen(petition({ state: "answered" }), now)).toBe(false);
  });

  it("shows drafts to their authors, invited co-authors and staff only", () => {
    const draft = petition({ state: "draft", publishedAt: null });
    expect(isPublic(draft)).toBe(false);
    expect(canView(draft, ANONYMOUS, [])).toBe(false);
    expect(canView(draft, resident, [])).toBe(false);
    expect(canView(draft, resident, [resident.accountId as string])).toBe(true);
    expect(canView(draft, { ...resident, accountId: draft.authorAccountId }, [])).toBe(true);
    expect(canView(draft, { ...resident, kind: "staff" }, [])).toBe(true);
    expect(canView(petition({}), ANONYMOUS, [])).toBe(true);
  });

  it("crosses each milestone once, upward", () => {
    expect(milestonesCrossed(499, 500, rules)).toEqual(["meeting"]);
    expect(milestonesCrossed(0, 3_000, rules)).toEqual(["meeting", "council"]);
    expect(milestonesCrossed(500, 499, rules)).toEqual([]);
    expect(milestonesCrossed(500, 501, rules)).toEqual([]);
  });

  it("allows only the lifecycle's transitions", () => {
    expect(canTransition("draft", "submitted")).toBe(true);
    expect(canTransition("draft", "published")).toBe(false);
    expect(canTransition("submitted", "published")).toBe(true);
    expect(canTransition("published", "answered")).toBe(true);
    expect(canTransition("answered", "withdrawn")).toBe(false);
    expect(canTransition("rejected", "published")).toBe(false);
  });
});
