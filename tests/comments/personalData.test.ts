// Comments on the demo data, through the gateway, on PGlite and PostgreSQL: the demo discussion with its reported
// comment in the moderators' queue (a moderator's reading of the reports is audited), comments on a budget project,
// the person's export, account erasure (comments stay as deleted, vote counts kept) and the retention rule.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SignedInPlatform, startSignedInPlatform } from "../../harness/withMonStrasbourg.ts";
import { SYSTEM } from "../../platform/caller.ts";
import { eventually } from "../audit/support.ts";
import { COMMENT, type Data, POST, QUEUE, REPORT, VOTE } from "./support.ts";

describe("comments: demo data, budget projects, personal data", () => {
  let platform: SignedInPlatform;
  const tokens = new Map<string, string>();
  const as = async (persona: string, query: string, variables?: Record<string, unknown>) => {
    if (persona !== "anonymous" && !tokens.has(persona)) tokens.set(persona, await platform.token(persona));
    const token = tokens.get(persona);
    const { body } = await platform.graphql<Data>(query, variables, token ? { token } : {});
    return body as { data?: Data | null; errors?: Data[] };
  };
  let projectId = "";
  let visitorComment = "";

  beforeAll(async () => {
    platform = await startSignedInPlatform({ seed: "demo" });
  }, 240_000);
  afterAll(async () => {
    await platform?.close();
  });

  it("the demo discussion has a reported comment waiting for the moderators, whose reading is audited", async () => {
    const queue = await as("moderator", QUEUE);
    expect(queue.errors).toBeUndefined();
    const reported = queue.data?.commentModerationQueue.edges.map((edge: Data) => edge.node);
    expect(reported).toHaveLength(1);
    expect(reported[0]).toMatchObject({ state: "VISIBLE", openReportCount: 1 });
    expect(reported[0].abuseReports.edges[0].node).toMatchObject({ reason: "INSULT", resolvedAt: null });

    const records = await eventually(async () => {
      const rows = await platform.db.query<{ personal_fields: string[] }>(
        "SELECT personal_fields FROM staff.audit_record WHERE operation_name = 'CommentModerationQueue'",
      );
      return rows.length > 0 ? rows : undefined;
    });
    expect(records[0]?.personal_fields).toContain("Comment.abuseReports");
  });

  it("comments on a budget project, refused on an unknown one", async () => {
    const { data } = await as("anonymous", "{ budgetProjects(first: 20) { edges { node { id status } } } }");
    const open = data?.budgetProjects.edges
      .map((edge: Data) => edge.node)
      .find((node: Data) =>
        ["SUBMITTED", "ADMISSIBLE", "UNDER_STUDY", "FEASIBLE", "SELECTED", "IN_PROGRESS"].includes(
          node.status,
        ),
      );
    expect(open).toBeDefined();
    projectId = open.id;
    const posted = await as("visitor", POST, {
      target: { type: "BUDGET_PROJECT", id: projectId },
      body: "Enfin !",
    });
    expect(posted.data?.postComment.__typename).toBe("CommentPosted");
    visitorComment = posted.data?.postComment.comment.id;
    expect(posted.data?.postComment.comment.target).toEqual({ __typename: "BudgetProject", id: projectId });
    const read = await as(
      "anonymous",
      `query($id: ID!) { budgetProject(id: $id) { commentCount comments { totalCount edges { node { id body } } } } }`,
      { id: projectId },
    );
    expect(read.data?.budgetProject).toMatchObject({
      commentCount: 1,
      comments: { totalCount: 1, edges: [{ node: { id: visitorComment, body: "Enfin !" } }] },
    });
    const unknown = await as("visitor", POST, {
      target: { type: "BUDGET_PROJECT", id: "01900000-0000-7000-8000-000000000000" },
      body: "Bonjour",
    });
    expect(unknown.data?.postComment.__typename).toBe("CommentTargetNotFound");
  });

  it("exports the person's comments, votes and reports; erasure leaves deleted comments and keeps the counts", async () => {
    const mine = await as("resident", POST, {
      target: { type: "BUDGET_PROJECT", id: projectId },
      body: "Mon avis",
    });
    const mineId = mine.data?.postComment.comment.id;
    expect(
      (await as("resident", VOTE, { id: visitorComment, vote: "UP" })).data?.voteOnComment.__typename,
    ).toBe("CommentVoted");
    expect(
      (await as("resident", REPORT, { id: visitorComment, reason: "OFF_TOPIC" })).data?.reportComment
        .__typename,
    ).toBe("CommentReported");

    const exported = await as(
      "resident",
      "mutation { exportMyData { ... on PersonalDataExport { comments } } }",
    );
    expect(exported.errors).toBeUndefined();
    const part = exported.data?.exportMyData.comments;
    expect(part.comments).toEqual([
      expect.objectContaining({ id: mineId, body: "Mon avis", state: "visible" }),
    ]);
    expect(part.votes).toEqual([expect.objectContaining({ commentId: visitorComment, vote: "UP" })]);
    expect(part.abuseReports).toEqual([
      expect.objectContaining({ commentId: visitorComment, reason: "off_topic" }),
    ]);
    // Nobody else's data: the visitor's comment is in the resident's export only as what they voted on.
    expect(JSON.stringify(part)).not.toContain("Enfin !");

    const erased = await as("resident", "mutation { eraseMyAccount(confirm: true) { __typename } }");
    expect(erased.data?.eraseMyAccount.__typename).toBe("AccountErased");
    const after = await as("anonymous", COMMENT, { id: mineId });
    expect(after.data?.comment).toMatchObject({ state: "DELETED", body: null, author: null });
    const voted = await as("anonymous", COMMENT, { id: visitorComment });
    expect(voted.data?.comment.upVoteCount).toBe(1);
    const [row] = await platform.db.query<{ votes: number; reporters: number }>(
      `SELECT (SELECT count(*)::int FROM comments.vote WHERE comment_id = $1) AS votes,
              (SELECT count(reporter_account_id)::int FROM comments.report WHERE comment_id = $1) AS reporters`,
      [visitorComment],
    );
    expect(row).toEqual({ votes: 0, reporters: 0 });
  });

  it("retention forgets who filed a report resolved long ago, and only those", async () => {
    const queue = await as("moderator", QUEUE);
    const demo = queue.data?.commentModerationQueue.edges[0].node.id as string;
    const hidden = await as(
      "moderator",
      `mutation($id: ID!) { hideComment(id: $id, reason: "Insulte.") { __typename } }`,
      { id: demo },
    );
    expect(hidden.data?.hideComment.__typename).toBe("CommentModerated");
    await platform.db.query(
      "UPDATE comments.report SET resolved_at = now() - interval '400 days' WHERE comment_id = $1",
      [demo],
    );
    const server = platform.servers.get("comments");
    if (!server) throw new Error("no comments server");
    const result = await server.executeDirect(
      { query: "mutation { _applyRetention { subgraph rule removed } }", variables: null },
      SYSTEM,
    );
    expect(result.errors).toBeUndefined();
    expect((result.data as Data)._applyRetention).toEqual([
      { subgraph: "comments", rule: "resolved_abuse_report_reporters", removed: 1 },
    ]);
    const [row] = await platform.db.query<{ reporter_account_id: string | null; details: string | null }>(
      "SELECT reporter_account_id, details FROM comments.report WHERE comment_id = $1",
      [demo],
    );
    expect(row).toEqual({ reporter_account_id: null, details: null });
  });
});
