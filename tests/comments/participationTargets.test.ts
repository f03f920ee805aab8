// Comments on the city's projects and consultations (issue 20): the one commenting service extends `Project` and
// `Consultation` of the participation subgraph by entity reference, as it does petitions and budget projects; it
// asks `commentsOpen` of participation before each post (staff's switch; an unpublished consultation does not
// exist for it). A comment bomb (size, depth, rate) is refused with typed problems on these targets too, and a
// retried post with its idempotency key answers the comment it created — never a second one, even concurrently.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CREATE_CONSULTATION,
  CREATE_PROJECT,
  consultationInput,
  inHours,
  projectInput,
} from "../participation/support.ts";
import { type CommentsPlatform, type Data, POST, REPLY, startCommentsPlatform } from "./support.ts";

const POST_WITH_KEY = /* GraphQL */ `
  mutation PostComment($target: CommentTargetInput!, $body: String!, $key: String) {
    postComment(target: $target, body: $body, idempotencyKey: $key) {
      __typename
      ... on CommentPosted { comment { id body target { __typename ... on Project { id } ... on Consultation { id } } } }
      ... on Problem { message }
    }
  }
`;

const REPLY_WITH_KEY = /* GraphQL */ `
  mutation ReplyToComment($commentId: ID!, $body: String!, $key: String) {
    replyToComment(commentId: $commentId, body: $body, idempotencyKey: $key) {
      __typename
      ... on CommentPosted { comment { id depth } }
      ... on Problem { message }
    }
  }
`;

const THREADS = /* GraphQL */ `
  query Threads($project: ID!, $consultation: ID!) {
    project(id: $project) { id commentsOpen commentCount comments(first: 10) { totalCount edges { node { id body } } } }
    consultation(id: $consultation) { id commentsOpen commentCount comments(first: 10) { totalCount edges { node { id body } } } }
  }
`;

const SET_PROJECT = /* GraphQL */ `
  mutation SetProject($id: ID!, $open: Boolean!) {
    setProjectCommentsOpen(projectId: $id, open: $open) {
      __typename
      ... on ProjectCommentsOpenSet { project { id commentsOpen } }
      ... on Problem { message }
    }
  }
`;

const SET_CONSULTATION = /* GraphQL */ `
  mutation SetConsultation($id: ID!, $open: Boolean!) {
    setConsultationCommentsOpen(consultationId: $id, open: $open) {
      __typename
      ... on ConsultationCommentsOpenSet { consultation { id commentsOpen } }
      ... on Problem { message }
    }
  }
`;

describe("comments on city projects and consultations", () => {
  let ctx: CommentsPlatform;
  let projectId = "";
  let consultationId = "";
  let unpublishedId = "";
  const project = () => ({ type: "PROJECT", id: projectId });
  const consultation = () => ({ type: "CONSULTATION", id: consultationId });

  beforeAll(async () => {
    ctx = await startCommentsPlatform(4);
    const created = await ctx.as("agent", CREATE_PROJECT, { input: projectInput() });
    projectId = created.data?.createProject.project.id;
    const open = await ctx.as("agent", CREATE_CONSULTATION, { input: consultationInput({ projectId }) });
    consultationId = open.data?.createConsultation.consultation.id;
    const later = await ctx.as("agent", CREATE_CONSULTATION, {
      input: consultationInput({
        publicationStartsAt: inHours(24),
        participationStartsAt: inHours(48),
        participationEndsAt: inHours(24 * 10),
      }),
    });
    unpublishedId = later.data?.createConsultation.consultation.id;
    expect([projectId, consultationId, unpublishedId]).toEqual([
      expect.any(String),
      expect.any(String),
      expect.any(String),
    ]);
  }, 180_000);
  afterAll(async () => {
    await ctx?.close();
  });

  it("residents comment on a project and a consultation; anyone reads the threads on the entities", async () => {
    const onProject = await ctx.as("resident", POST_WITH_KEY, { target: project(), body: "Et les arbres ?" });
    expect(onProject.errors).toBeUndefined();
    expect(onProject.data?.postComment).toMatchObject({
      __typename: "CommentPosted",
      comment: { target: { __typename: "Project", id: projectId } },
    });
    const onConsultation = await ctx.as("neighbour-0", POST_WITH_KEY, {
      target: consultation(),
      body: "Merci pour l'atelier.",
    });
    expect(onConsultation.data?.postComment).toMatchObject({
      __typename: "CommentPosted",
      comment: { target: { __typename: "Consultation", id: consultationId } },
    });

    const read = await ctx.as("anonymous", THREADS, { project: projectId, consultation: consultationId });
    expect(read.errors).toBeUndefined();
    expect(read.data?.project).toMatchObject({ commentsOpen: true, commentCount: 1 });
    expect(read.data?.project.comments.edges[0].node.body).toBe("Et les arbres ?");
    expect(read.data?.consultation).toMatchObject({ commentsOpen: true, commentCount: 1 });
    expect(read.data?.consultation.comments.totalCount).toBe(1);
  });

  it("honours commentsOpen: closed by staff, posts and replies are CommentTargetClosed; reopened, they pass", async () => {
    const [first] = ((
      await ctx.as("anonymous", THREADS, { project: projectId, consultation: consultationId })
    ).data?.project.comments.edges ?? []) as Data[];
    const closed = await ctx.as("agent", SET_PROJECT, { id: projectId, open: false });
    expect(closed.data?.setProjectCommentsOpen).toMatchObject({ project: { commentsOpen: false } });
    const closedC = await ctx.as("agent", SET_CONSULTATION, { id: consultationId, open: false });
    expect(closedC.data?.setConsultationCommentsOpen).toMatchObject({
      consultation: { commentsOpen: false },
    });

    const post = await ctx.as("neighbour-1", POST, { target: project(), body: "Encore un mot." });
    expect(post.data?.postComment.__typename).toBe("CommentTargetClosed");
    const reply = await ctx.as("neighbour-1", REPLY, { commentId: first?.node.id, body: "D'accord." });
    expect(reply.data?.replyToComment.__typename).toBe("CommentTargetClosed");
    const onConsultation = await ctx.as("neighbour-1", POST, { target: consultation(), body: "Et moi ?" });
    expect(onConsultation.data?.postComment.__typename).toBe("CommentTargetClosed");
    // What was said stays readable.
    const read = await ctx.as("anonymous", THREADS, { project: projectId, consultation: consultationId });
    expect(read.data?.project).toMatchObject({ commentsOpen: false, commentCount: 1 });

    // Only staff switch; citizens are FORBIDDEN.
    const citizen = await ctx.as("resident", SET_PROJECT, { id: projectId, open: true });
    expect(citizen.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");

    await ctx.as("agent", SET_PROJECT, { id: projectId, open: true });
    await ctx.as("agent", SET_CONSULTATION, { id: consultationId, open: true });
    const again = await ctx.as("neighbour-1", REPLY, { commentId: first?.node.id, body: "D'accord." });
    expect(again.data?.replyToComment.__typename).toBe("CommentPosted");
  });

  it("refuses an unpublished consultation and an unknown project as not found", async () => {
    const unpublished = await ctx.as("resident", POST, {
      target: { type: "CONSULTATION", id: unpublishedId },
      body: "Trop tôt ?",
    });
    expect(unpublished.data?.postComment.__typename).toBe("CommentTargetNotFound");
    const unknown = await ctx.as("resident", POST, {
      target: { type: "PROJECT", id: "0193a000-0000-7000-8000-000000000000" },
      body: "Quel projet ?",
    });
    expect(unknown.data?.postComment.__typename).toBe("CommentTargetNotFound");
    const staff = await ctx.as("agent", SET_PROJECT, {
      id: "0193a000-0000-7000-8000-000000000000",
      open: false,
    });
    expect(staff.data?.setProjectCommentsOpen.__typename).toBe("ProjectNotFound");
  });

  it("refuses a comment bomb on a project: size, depth and rate, each with its typed problem", async () => {
    const tooLong = await ctx.as("neighbour-2", POST, { target: project(), body: "a".repeat(4_001) });
    expect(tooLong.data?.postComment).toMatchObject({
      __typename: "InvalidCommentText",
      reason: "TOO_LONG",
      max: 4_000,
    });
    // A chain of replies down to the maximum depth (3), then one more.
    let parent = (await ctx.as("neighbour-2", POST, { target: project(), body: "Niveau 0" })).data
      ?.postComment.comment.id;
    for (let depth = 1; depth <= 3; depth++) {
      const reply = await ctx.as("neighbour-3", REPLY, { commentId: parent, body: `Niveau ${depth}` });
      expect(reply.data?.replyToComment.__typename).toBe("CommentPosted");
      parent = reply.data?.replyToComment.comment.id;
    }
    const tooDeep = await ctx.as("neighbour-2", REPLY, { commentId: parent, body: "Niveau 4" });
    expect(tooDeep.data?.replyToComment).toMatchObject({ __typename: "CommentThreadTooDeep", maxDepth: 3 });
    // neighbour-3 has posted 3 replies this minute; two more reach the limit (5), the next is refused.
    const keyed = { target: consultation(), body: "Message 4", key: `bomb-${Date.now()}` };
    const fourth = await ctx.as("neighbour-3", POST_WITH_KEY, keyed);
    expect(fourth.data?.postComment.__typename).toBe("CommentPosted");
    const fifth = await ctx.as("neighbour-3", POST, { target: consultation(), body: "Message 5" });
    expect(fifth.data?.postComment.__typename).toBe("CommentPosted");
    const limited = await ctx.as("neighbour-3", POST, { target: consultation(), body: "Message 6" });
    expect(limited.data?.postComment).toMatchObject({ __typename: "CommentRateLimited" });
    expect(limited.data?.postComment.retryAfterSeconds).toBeGreaterThan(0);
    // Past the limit, a retry of an earlier post (its answer was lost) still gets that comment.
    const retried = await ctx.as("neighbour-3", POST_WITH_KEY, keyed);
    expect(retried.data?.postComment).toMatchObject({
      __typename: "CommentPosted",
      comment: { id: fourth.data?.postComment.comment.id },
    });
  });

  it("answers a retried post or reply with the comment it created, even concurrently", async () => {
    const key = `retry-${Date.now()}`;
    const attempts = await Promise.all(
      [1, 2, 3].map(() =>
        ctx.as("visitor", POST_WITH_KEY, { target: project(), body: "Une seule fois, svp.", key }),
      ),
    );
    const ids = attempts.map((attempt) => attempt.data?.postComment.comment?.id);
    expect(attempts.map((attempt) => attempt.data?.postComment.__typename)).toEqual([
      "CommentPosted",
      "CommentPosted",
      "CommentPosted",
    ]);
    expect(new Set(ids).size).toBe(1);
    const read = await ctx.as("anonymous", THREADS, { project: projectId, consultation: consultationId });
    const mine = ((read.data?.project.comments.edges ?? []) as Data[]).filter(
      (edge) => edge.node.body === "Une seule fois, svp.",
    );
    expect(mine).toHaveLength(1);

    const replyKey = `reply-${Date.now()}`;
    const first = await ctx.as("neighbour-0", REPLY_WITH_KEY, {
      commentId: ids[0],
      body: "Bien vu.",
      key: replyKey,
    });
    expect(first.data?.replyToComment.__typename).toBe("CommentPosted");
    const retry = await ctx.as("neighbour-0", REPLY_WITH_KEY, {
      commentId: ids[0],
      body: "Bien vu.",
      key: replyKey,
    });
    expect(retry.data?.replyToComment.comment.id).toBe(first.data?.replyToComment.comment.id);

    // The same key elsewhere is the app's mistake; a malformed key is bad input.
    const reused = await ctx.as("visitor", POST_WITH_KEY, { target: consultation(), body: "Autre.", key });
    expect(reused.data?.postComment.__typename).toBe("CommentIdempotencyKeyReused");
    const malformed = await ctx.as("visitor", POST_WITH_KEY, { target: project(), body: "x", key: "court" });
    expect(malformed.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });
});
