// Comments on petitions through the gateway, with real MonStrasbourg.eu simulator tokens, on PGlite and
// PostgreSQL: posting (text cleaned, target checked with the petitions subgraph), reading threads as anyone,
// replies to a bounded depth, size and rate limits (a comment bomb), edits, the author's deletion, votes counted once
// per person under concurrency, abuse reports into the moderators' queue, hiding and restoring with a public reason.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WITHDRAW_PETITION } from "../petitions/support.ts";
import {
  COMMENT,
  type CommentsPlatform,
  DELETE,
  DISMISS,
  EDIT,
  HIDE,
  POST,
  petitionTarget,
  QUEUE,
  REPLY,
  REPORT,
  RESTORE,
  startCommentsPlatform,
  THREAD,
  VOTE,
  WITHDRAW_VOTE,
} from "./support.ts";

describe("comments on a petition", () => {
  let ctx: CommentsPlatform;
  let petitionId = "";
  let first = "";

  beforeAll(async () => {
    ctx = await startCommentsPlatform(14);
    petitionId = await ctx.publishedPetition();
  }, 180_000);
  afterAll(async () => {
    await ctx?.close();
  });

  it("a resident comments; the text is cleaned, kept as typed and escaped in HTML; anyone reads the thread", async () => {
    const body = "  Bonne idée <b>vraiment</b>\u202E !\r\n\r\n\r\n\r\nEt la rue Jean-Jaurès ?  ";
    const posted = await ctx.as("resident", POST, { target: petitionTarget(petitionId), body });
    expect(posted.errors).toBeUndefined();
    const comment = posted.data?.postComment;
    expect(comment.__typename).toBe("CommentPosted");
    first = comment.comment.id;
    expect(comment.comment).toMatchObject({
      depth: 0,
      state: "VISIBLE",
      body: "Bonne idée <b>vraiment</b> !\n\nEt la rue Jean-Jaurès ?",
      bodyHtml: "<p>Bonne idée &lt;b&gt;vraiment&lt;/b&gt; !</p><p>Et la rue Jean-Jaurès ?</p>",
      upVoteCount: 0,
      replyCount: 0,
      parent: null,
      target: { __typename: "Petition", id: petitionId },
    });
    expect(comment.comment.author.id).toMatch(/^[0-9a-f-]{36}$/);

    const thread = await ctx.as("anonymous", THREAD, { id: petitionId, first: 10 });
    expect(thread.errors).toBeUndefined();
    expect(thread.data?.petition.commentCount).toBe(1);
    expect(thread.data?.petition.comments.totalCount).toBe(1);
    expect(thread.data?.petition.comments.edges[0].node.id).toBe(first);
  });

  it("shows the author's public name from the accounts service", async () => {
    // The app's sign-in step: the accounts service learns the person's MonStrasbourg.eu account.
    const me = await ctx.as("resident", "{ me { id } }");
    expect(me.errors).toBeUndefined();
    const { data, errors } = await ctx.as(
      "anonymous",
      `query($id: ID!) { comment(id: $id) { author { displayName } } }`,
      { id: first },
    );
    expect(errors).toBeUndefined();
    expect(data?.comment.author.displayName).toBe("Camille M.");
  });

  it("refuses anonymous posting, unknown and closed targets, and empty or oversized texts", async () => {
    const anonymous = await ctx.as("anonymous", POST, {
      target: petitionTarget(petitionId),
      body: "Bonjour",
    });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");

    const unknown = await ctx.as("neighbour-0", POST, {
      target: petitionTarget("01900000-0000-7000-8000-000000000000"),
      body: "Bonjour",
    });
    expect(unknown.data?.postComment.__typename).toBe("CommentTargetNotFound");

    const withdrawn = await ctx.publishedPetition();
    const author = ctx.platform.config.PSEUDONYM_SECRET;
    const { resident } = await import("../petitions/support.ts");
    // The test platform's authors are resident(100+i): the petition just published was the second one.
    const done = await ctx.petitions.call(resident(101, author), WITHDRAW_PETITION, { id: withdrawn });
    expect(done.data?.withdrawPetition.__typename).toBe("PetitionWithdrawn");
    const closed = await ctx.as("neighbour-0", POST, { target: petitionTarget(withdrawn), body: "Bonjour" });
    expect(closed.data?.postComment.__typename).toBe("CommentTargetClosed");

    const empty = await ctx.as("neighbour-0", POST, {
      target: petitionTarget(petitionId),
      body: " \u202E\uFEFF \n ",
    });
    expect(empty.data?.postComment).toMatchObject({
      __typename: "InvalidCommentText",
      field: "body",
      reason: "EMPTY",
    });
    const huge = await ctx.as("neighbour-0", POST, {
      target: petitionTarget(petitionId),
      body: "a".repeat(4_001),
    });
    expect(huge.data?.postComment).toMatchObject({
      __typename: "InvalidCommentText",
      reason: "TOO_LONG",
      max: 4_000,
    });
    const bad = await ctx.as("neighbour-0", POST, {
      target: { type: "PETITION", id: "nope" },
      body: "Bonjour",
    });
    expect(bad.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("threads replies down to the maximum depth, then refuses deeper ones", async () => {
    let parent = first;
    for (let depth = 1; depth <= 3; depth++) {
      const reply = await ctx.as(`neighbour-${depth}`, REPLY, {
        commentId: parent,
        body: `Réponse ${depth}`,
      });
      expect(reply.data?.replyToComment.__typename).toBe("CommentPosted");
      expect(reply.data?.replyToComment.comment).toMatchObject({ depth, parent: { id: parent } });
      parent = reply.data?.replyToComment.comment.id;
    }
    const tooDeep = await ctx.as("neighbour-4", REPLY, { commentId: parent, body: "Encore plus bas" });
    expect(tooDeep.data?.replyToComment).toMatchObject({ __typename: "CommentThreadTooDeep", maxDepth: 3 });

    const thread = await ctx.as("anonymous", THREAD, { id: petitionId, first: 10 });
    const top = thread.data?.petition.comments.edges[0].node;
    expect(top.replyCount).toBe(1);
    expect(top.replies.edges[0].node.depth).toBe(1);
    expect(thread.data?.petition.commentCount).toBe(4);
    expect(thread.data?.petition.comments.totalCount).toBe(1);
  });

  it("refuses a comment bomb: past the rate limit a person is told when to retry", async () => {
    const answers = [];
    for (let i = 0; i < 6; i++) {
      answers.push(
        await ctx.as("neighbour-5", POST, { target: petitionTarget(petitionId), body: `Message ${i}` }),
      );
    }
    expect(answers.slice(0, 5).map((answer) => answer.data?.postComment.__typename)).toEqual(
      Array(5).fill("CommentPosted"),
    );
    const refused = answers[5]?.data?.postComment;
    expect(refused.__typename).toBe("CommentRateLimited");
    expect(refused.retryAfterSeconds).toBeGreaterThan(0);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(60);
  });

  it("a concurrent burst by one person is held to the limit too", async () => {
    const burst = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        ctx.as("neighbour-6", POST, { target: petitionTarget(petitionId), body: `Rafale ${i}` }),
      ),
    );
    const kinds = burst.map((answer) => answer.data?.postComment.__typename);
    expect(kinds.filter((kind) => kind === "CommentPosted")).toHaveLength(5);
    expect(kinds.filter((kind) => kind === "CommentRateLimited")).toHaveLength(7);
  });

  it("only the author edits, within the window; the edit is dated", async () => {
    const posted = await ctx.as("neighbour-7", POST, {
      target: petitionTarget(petitionId),
      body: "Premier jet",
    });
    const id = posted.data?.postComment.comment.id;
    const other = await ctx.as("neighbour-8", EDIT, { id, body: "Pas à moi" });
    expect(other.data?.editComment.__typename).toBe("NotCommentAuthor");
    const edited = await ctx.as("neighbour-7", EDIT, { id, body: "Version corrigée" });
    expect(edited.data?.editComment.__typename).toBe("CommentEdited");
    expect(edited.data?.editComment.comment.body).toBe("Version corrigée");
    expect(edited.data?.editComment.comment.editedAt).not.toBeNull();
  });

  it("the author deletes a comment: it stays in the thread as deleted, without text or author", async () => {
    const posted = await ctx.as("neighbour-9", POST, {
      target: petitionTarget(petitionId),
      body: "À supprimer",
    });
    const id = posted.data?.postComment.comment.id;
    const reply = await ctx.as("neighbour-10", REPLY, { commentId: id, body: "Je réponds avant" });
    expect(reply.data?.replyToComment.__typename).toBe("CommentPosted");

    expect((await ctx.as("neighbour-10", DELETE, { id })).data?.deleteComment.__typename).toBe(
      "NotCommentAuthor",
    );
    const deleted = await ctx.as("neighbour-9", DELETE, { id });
    expect(deleted.data?.deleteComment.__typename).toBe("CommentDeleted");
    expect(deleted.data?.deleteComment.comment).toMatchObject({
      state: "DELETED",
      body: null,
      bodyHtml: null,
      author: null,
      replyCount: 1,
    });
    const again = await ctx.as("neighbour-9", DELETE, { id });
    expect(again.data?.deleteComment).toMatchObject({
      __typename: "CommentStateConflict",
      currentState: "DELETED",
    });
    const read = await ctx.as("anonymous", COMMENT, { id });
    expect(read.data?.comment).toMatchObject({ state: "DELETED", body: null, author: null });
    // Its reply still answers it.
    const answered = await ctx.as("neighbour-11", REPLY, { commentId: id, body: "Et moi après" });
    expect(answered.data?.replyToComment.__typename).toBe("CommentPosted");
  });

  it("counts votes once per person, exactly, when everyone votes at once", async () => {
    const voters = Array.from({ length: 12 }, (_, i) => `neighbour-${i}`);
    // Each voter sends the same vote three times at once: one counts.
    const answers = await Promise.all(
      voters.flatMap((voter, i) =>
        Array.from({ length: 3 }, () =>
          ctx.as(voter, VOTE, { id: first, vote: i % 3 === 0 ? "DOWN" : "UP" }),
        ),
      ),
    );
    const kinds = answers.map((answer) => answer.data?.voteOnComment.__typename);
    expect(kinds.filter((kind) => kind === "CommentVoted")).toHaveLength(12);
    expect(kinds.filter((kind) => kind === "AlreadyVotedOnComment")).toHaveLength(24);
    const read = await ctx.as("neighbour-1", COMMENT, { id: first });
    expect(read.data?.comment).toMatchObject({ upVoteCount: 8, downVoteCount: 4, myVote: "UP" });

    // Changing one's mind moves the vote; withdrawing removes it.
    const changed = await ctx.as("neighbour-1", VOTE, { id: first, vote: "DOWN" });
    expect(changed.data?.voteOnComment.comment).toMatchObject({
      upVoteCount: 7,
      downVoteCount: 5,
      myVote: "DOWN",
    });
    const withdrawn = await ctx.as("neighbour-1", WITHDRAW_VOTE, { id: first });
    expect(withdrawn.data?.withdrawCommentVote.comment).toMatchObject({
      upVoteCount: 7,
      downVoteCount: 4,
      myVote: null,
    });
    const none = await ctx.as("neighbour-1", WITHDRAW_VOTE, { id: first });
    expect(none.data?.withdrawCommentVote.__typename).toBe("CommentVoteNotFound");
    const own = await ctx.as("resident", VOTE, { id: first, vote: "UP" });
    expect(own.data?.voteOnComment.__typename).toBe("CannotVoteOwnComment");
  });

  it("reports go to the moderators' queue; a moderator hides with a public reason, then restores", async () => {
    const posted = await ctx.as("neighbour-12", POST, {
      target: petitionTarget(petitionId),
      body: "Les signataires sont des idiots.",
    });
    const id = posted.data?.postComment.comment.id;
    const other = await ctx.as("neighbour-13", REPORT, { id, reason: "OTHER" });
    expect(other.data?.reportComment).toMatchObject({ __typename: "InvalidCommentText", field: "details" });
    const reported = await ctx.as("neighbour-13", REPORT, { id, reason: "INSULT", details: "Insulte" });
    expect(reported.data?.reportComment.__typename).toBe("CommentReported");
    const twice = await ctx.as("neighbour-13", REPORT, { id, reason: "SPAM" });
    expect(twice.data?.reportComment.__typename).toBe("AlreadyReportedComment");
    const own = await ctx.as("neighbour-12", REPORT, { id, reason: "SPAM" });
    expect(own.data?.reportComment.__typename).toBe("CannotReportOwnComment");

    // Residents do not see the queue nor the reports.
    const refused = await ctx.as("resident", QUEUE);
    expect(refused.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const queue = await ctx.as("moderator", QUEUE);
    expect(queue.errors).toBeUndefined();
    const entry = queue.data?.commentModerationQueue.edges.find(
      (edge: { node: { id: string } }) => edge.node.id === id,
    );
    expect(entry.node).toMatchObject({ openReportCount: 1, state: "VISIBLE" });
    expect(entry.node.abuseReports.edges[0].node).toMatchObject({
      reason: "INSULT",
      details: "Insulte",
      resolvedAt: null,
    });

    const residentHides = await ctx.as("resident", HIDE, { id, reason: "Non" });
    expect(residentHides.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const hidden = await ctx.as("moderator", HIDE, {
      id,
      reason: "Propos injurieux envers les signataires.",
    });
    expect(hidden.data?.hideComment.__typename).toBe("CommentModerated");
    expect(hidden.data?.hideComment.comment).toMatchObject({ state: "HIDDEN", openReportCount: 0 });
    // The moderator still reads the text; everyone else sees the reason in its place.
    expect(hidden.data?.hideComment.comment.body).toBe("Les signataires sont des idiots.");
    const publicView = await ctx.as("anonymous", COMMENT, { id });
    expect(publicView.data?.comment).toMatchObject({
      state: "HIDDEN",
      body: null,
      author: null,
      moderationReason: "Propos injurieux envers les signataires.",
    });
    const after = await ctx.as("moderator", QUEUE);
    expect(
      after.data?.commentModerationQueue.edges.map((edge: { node: { id: string } }) => edge.node.id),
    ).not.toContain(id);
    // Hidden: no replies, no votes, no new reports.
    const reply = await ctx.as("neighbour-11", REPLY, { commentId: id, body: "Réponse" });
    expect(reply.data?.replyToComment).toMatchObject({
      __typename: "CommentStateConflict",
      currentState: "HIDDEN",
    });

    const [event] = await ctx.platform.db.query<{ type: string; payload: Record<string, unknown> }>(
      "SELECT type, payload FROM comments.outbox_event WHERE type = 'comment.hidden' AND subject = $1",
      [`comment:${id}`],
    );
    expect(event?.payload).toMatchObject({ commentId: id, targetType: "petition", targetId: petitionId });

    const restored = await ctx.as("moderator", RESTORE, {
      id,
      reason: "Reformulé après échange avec l'auteur.",
    });
    expect(restored.data?.restoreComment.comment).toMatchObject({
      state: "VISIBLE",
      moderationReason: "Reformulé après échange avec l'auteur.",
    });
    const restoreAgain = await ctx.as("moderator", RESTORE, { id, reason: "Encore" });
    expect(restoreAgain.data?.restoreComment.__typename).toBe("CommentStateConflict");
    const dismissNothing = await ctx.as("moderator", DISMISS, { id });
    expect(dismissNothing.data?.dismissCommentReports.__typename).toBe("CommentStateConflict");
  });
});
