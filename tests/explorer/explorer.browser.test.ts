// The explorer in a real browser (headless Chromium): an agent signs in through the MonStrasbourg.eu simulator,
// runs a shipped investigation and sees its results, exports them, runs a personal-data investigation that the
// audit trail then shows; a citizen is refused. Everything the page loads comes from the platform (no CDN) and its
// Content-Security-Policy is never violated. Screenshots are kept in tests/artifacts/ (git-ignored).
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildExplorer } from "../../gateway/explorer/build.ts";
import { accountIdOf, recordOf } from "../audit/support.ts";
import { openBrowser, screenshot, signIn } from "./browser.ts";
import { type ExplorerPlatform, startExplorerPlatform, submitNeudorfReport } from "./support.ts";

const BROWSER_TEST_TIMEOUT = 180_000;

describe("the explorer in headless Chromium", () => {
  let platform: ExplorerPlatform;
  let reportId: string;
  let residentId: string;
  let profileInvestigationId: string;

  beforeAll(async () => {
    await buildExplorer({ ifStale: true });
    platform = await startExplorerPlatform();
    reportId = await submitNeudorfReport(platform, "Dépôt sauvage de gravats devant l'école du Neudorf.");
    const agent = await platform.token("agent");
    residentId = await accountIdOf(platform, await platform.token("resident"));
    // An investigation of the agent's service that reads a person's account (public name, verification level — an
    // agent may not read the MonStrasbourg.eu profile): its runs must reach the audit trail.
    const { body } = await platform.graphql<{
      saveInvestigation: { __typename: string; investigation?: { id: string } };
    }>(
      `mutation Save($input: SaveInvestigationInput!) {
        saveInvestigation(input: $input) { __typename ... on InvestigationSaved { investigation { id } } }
      }`,
      {
        input: {
          name: "Un compte",
          description: "Le nom public et la vérification d'un compte (données personnelles : tracé).",
          operation:
            "query ProfilDUnCompte($id: ID!) { account(id: $id) { id displayName verificationLevel } }",
          variables: { id: residentId },
        },
      },
      { token: agent },
    );
    expect(body.data?.saveInvestigation.__typename).toBe("InvestigationSaved");
    profileInvestigationId = body.data?.saveInvestigation.investigation?.id ?? "";
  }, BROWSER_TEST_TIMEOUT);

  afterAll(async () => {
    await platform?.close();
  });

  it(
    "lets an agent sign in, run a shipped investigation, see and export its results",
    async () => {
      const browser = await openBrowser();
      try {
        const { page } = browser;
        const first = await page.goto(`${platform.origin}/explorer`);
        const csp = first?.headers()["content-security-policy"] ?? "";
        expect(csp).toContain("script-src 'self'");
        expect(csp).toContain("default-src 'none'");
        expect(csp).not.toContain("unsafe-eval");

        await signIn(page, platform.origin, /Sophie Schmitt/);
        await expect
          .poll(() => page.getByTestId("signed-in-as").textContent(), { timeout: 30_000 })
          .toContain("DMEPN");
        // The token lives in this tab's sessionStorage only.
        expect(await page.evaluate(() => localStorage.length)).toBe(0);

        const run = page.waitForResponse(
          (response) =>
            response.url().endsWith("/graphql") &&
            (response.request().postData() ?? "").includes("SignalementsDuQuartier"),
        );
        await page.getByRole("button", { name: "Signalements d'un quartier sur 30 jours" }).click();
        const body = (await (await run).json()) as {
          data?: { reports?: { edges: { node: { id: string } }[] } };
        };
        expect(body.data?.reports?.edges.map((edge) => edge.node.id)).toContain(reportId);
        // …and the agent sees it in the result pane (where the editor may wrap a long line anywhere).
        await expect
          .poll(
            async () => ((await page.locator(".graphiql-response").textContent()) ?? "").replace(/\s/g, ""),
            {
              timeout: 30_000,
            },
          )
          .toContain(reportId);
        await screenshot(page, "explorer-staff-investigation");

        const download = page.waitForEvent("download");
        await page.getByTestId("export-csv").first().click();
        const file = await (await download).path();
        const csv = readFileSync(file, "utf8");
        expect(csv.split("\r\n")[0]).toContain("id;createdAt;status");
        expect(csv).toContain(reportId);

        expect(
          browser.problems.filter((problem) => /Content Security Policy|uncaught/i.test(problem)),
        ).toEqual([]);
        const hosts = new Set(
          browser.requests.filter((url) => url.startsWith("http")).map((url) => new URL(url).hostname),
        );
        expect([...hosts]).toEqual(["127.0.0.1"]);
      } finally {
        await browser.close();
      }
    },
    BROWSER_TEST_TIMEOUT,
  );

  it(
    "opens a shared link to an investigation after sign-in, and the audit trail records its personal data",
    async () => {
      const browser = await openBrowser();
      try {
        const { page } = browser;
        // The link an agent copied ("Copier le lien"): it survives the round trip through MonStrasbourg.eu.
        await page.goto(`${platform.origin}/explorer?investigation=${profileInvestigationId}`);
        const run = page.waitForResponse(
          (response) =>
            response.url().endsWith("/graphql") &&
            (response.request().postData() ?? "").includes("ProfilDUnCompte"),
        );
        await page.getByRole("button", { name: "Se connecter avec MonStrasbourg.eu" }).click();
        await page.getByRole("link", { name: /Sophie Schmitt/ }).click();
        expect(JSON.stringify(await (await run).json())).toContain("Camille M.");

        const record = await recordOf(platform, await platform.token("dpo"), "ProfilDUnCompte");
        expect(record).toMatchObject({
          actorKind: "STAFF",
          actor: { id: await accountIdOf(platform, await platform.token("agent")) },
          personalFields: ["Account.displayName", "Account.verificationLevel"],
          intact: true,
        });
      } finally {
        await browser.close();
      }
    },
    BROWSER_TEST_TIMEOUT,
  );

  it(
    "refuses a citizen: the explorer stays closed and says why",
    async () => {
      const browser = await openBrowser();
      try {
        const { page } = browser;
        await signIn(page, platform.origin, /Camille Muller/);
        await expect
          .poll(() => page.getByRole("alert").first().textContent(), { timeout: 30_000 })
          .toContain("réservé aux agents");
        await expect
          .poll(() => page.getByRole("button", { name: "Se connecter avec MonStrasbourg.eu" }).count())
          .toBe(1);
        expect(await page.evaluate(() => sessionStorage.getItem("parvis.explorer.session"))).toBeNull();
        expect(await page.locator(".graphiql-container").count()).toBe(0);
        await screenshot(page, "explorer-citizen-refused");
      } finally {
        await browser.close();
      }
    },
    BROWSER_TEST_TIMEOUT,
  );
});
