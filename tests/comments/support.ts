// Helpers of the comments tests: a signed-in platform with extra residents (distinct people, each with their own
// rate limits and votes), a published petition to comment on, and the operations.

import { type SignedInPlatform, startSignedInPlatform } from "../../harness/withMonStrasbourg.ts";
import { DEFAULT_PERSONAS, type Persona } from "../../simulators/monstrasbourg/personas.ts";
import { type DirectPetitions, directPetitions, preparePetition, resident } from "../petitions/support.ts";

// biome-ignore lint/suspicious/noExplicitAny: GraphQL answers are read field by field in these tests.
export type Data = Record<string, any>;

const template = DEFAULT_PERSONAS.find((persona) => persona.key === "resident") as Persona;

/** `count` more verified residents, `neighbour-0`…, with their own accounts. */
export function neighbours(count: number): Persona[] {
  return Array.from({ length: count }, (_, i) => ({
    ...template,
    key: `neighbour-${i}`,
    uuid: `c0ffee00${String(i).padStart(24, "0")}`,
    id: 5_000 + i,
    username: `neighbour.${i}`,
    firstName: `Voisin${i}`,
    lastName: `Ndiaye${i}`,
    email: `neighbour.${i}@example.org`,
  }));
}

export interface CommentsPlatform {
  platform: SignedInPlatform;
  petitions: DirectPetitions;
  /** Runs an operation through the gateway as a persona (or anonymously). */
  as(
    persona: string,
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<{ data?: Data | null; errors?: Data[] }>;
  /** A petition created and published by another resident. */
  publishedPetition(): Promise<string>;
  close(): Promise<void>;
}

export async function startCommentsPlatform(extra = 12): Promise<CommentsPlatform> {
  const platform = await startSignedInPlatform({ personas: [...DEFAULT_PERSONAS, ...neighbours(extra)] });
  const petitions = await directPetitions(platform);
  const tokens = new Map<string, string>();
  const token = async (persona: string) => {
    let found = tokens.get(persona);
    if (!found) {
      found = await platform.token(persona);
      tokens.set(persona, found);
    }
    return found;
  };
  let authors = 100;
  return {
    platform,
    petitions,
    async as(persona, query, variables) {
      const { body } = await platform.graphql<Data>(
        query,
        variables,
        persona === "anonymous" ? {} : { token: await token(persona) },
      );
      return body as { data?: Data | null; errors?: Data[] };
    },
    publishedPetition: () =>
      preparePetition(petitions, platform.config.PSEUDONYM_SECRET, {
        author: resident(authors++, platform.config.PSEUDONYM_SECRET),
      }),
    async close() {
      await petitions.server.apollo.stop();
      await platform.close();
    },
  };
}

export const COMMENT_FIELDS = /* GraphQL */ `
  id depth state body bodyHtml moderationReason upVoteCount downVoteCount replyCount createdAt editedAt deletedAt
  editableUntil author { id } parent { id } target { __typename ... on Petition { id } ... on BudgetProject { id } }
`;

const PROBLEM_FIELDS: Record<string, string> = {
  InvalidCommentText: "... on InvalidCommentText { field reason max }",
  CommentThreadTooDeep: "... on CommentThreadTooDeep { maxDepth }",
  CommentStateConflict: "... on CommentStateConflict { currentState }",
  CommentRateLimited: "... on CommentRateLimited { retryAfterSeconds }",
  CommentEditWindowClosed: "... on CommentEditWindowClosed { editableUntil }",
};
/** The details of the problems a result union holds, and every problem's message. */
const problems = (...types: string[]) =>
  [...types.map((type) => PROBLEM_FIELDS[type]), "... on Problem { message }"].join("\n      ");

export const POST = /* GraphQL */ `
  mutation PostComment($target: CommentTargetInput!, $body: String!) {
    postComment(target: $target, body: $body) {
      __typename
      ... on CommentPosted { comment { ${COMMENT_FIELDS} } }
      ${problems("InvalidCommentText", "CommentThreadTooDeep", "CommentStateConflict", "CommentRateLimited")}
    }
  }
`;

export const REPLY = /* GraphQL */ `
  mutation ReplyToComment($commentId: ID!, $body: String!) {
    replyToComment(commentId: $commentId, body: $body) {
      __typename
      ... on CommentPosted { comment { ${COMMENT_FIELDS} } }
      ${problems("InvalidCommentText", "CommentThreadTooDeep", "CommentStateConflict", "CommentRateLimited")}
    }
  }
`;

export const EDIT = /* GraphQL */ `
  mutation EditComment($id: ID!, $body: String!) {
    editComment(id: $id, body: $body) {
      __typename
      ... on CommentEdited { comment { ${COMMENT_FIELDS} } }
      ${problems("InvalidCommentText", "CommentStateConflict", "CommentEditWindowClosed")}
    }
  }
`;

export const DELETE = /* GraphQL */ `
  mutation DeleteComment($id: ID!) {
    deleteComment(id: $id) {
      __typename
      ... on CommentDeleted { comment { ${COMMENT_FIELDS} } }
      ${problems("CommentStateConflict")}
    }
  }
`;

export const VOTE = /* GraphQL */ `
  mutation VoteOnComment($id: ID!, $vote: CommentVoteValue!) {
    voteOnComment(id: $id, vote: $vote) {
      __typename
      ... on CommentVoted { comment { id upVoteCount downVoteCount myVote } }
      ${problems("CommentStateConflict")}
    }
  }
`;

export const WITHDRAW_VOTE = /* GraphQL */ `
  mutation WithdrawCommentVote($id: ID!) {
    withdrawCommentVote(id: $id) {
      __typename
      ... on CommentVoted { comment { id upVoteCount downVoteCount myVote } }
      ${problems("CommentStateConflict")}
    }
  }
`;

export const REPORT = /* GraphQL */ `
  mutation ReportComment($id: ID!, $reason: CommentReportReason!, $details: String) {
    reportComment(id: $id, reason: $reason, details: $details) {
      __typename
      ... on CommentReported { comment { id state } }
      ${problems("InvalidCommentText", "CommentStateConflict", "CommentRateLimited")}
    }
  }
`;

const moderation = (name: string, withReason: boolean) => /* GraphQL */ `
  mutation ${name[0]?.toUpperCase()}${name.slice(1)}($id: ID!${withReason ? ", $reason: String!" : ""}) {
    ${name}(id: $id${withReason ? ", reason: $reason" : ""}) {
      __typename
      ... on CommentModerated { comment { ${COMMENT_FIELDS} openReportCount } }
      ${problems("InvalidCommentText", "CommentStateConflict")}
    }
  }
`;
export const HIDE = moderation("hideComment", true);
export const RESTORE = moderation("restoreComment", true);
export const DISMISS = moderation("dismissCommentReports", false);

export const THREAD = /* GraphQL */ `
  query Thread($id: ID!, $first: Int, $after: String) {
    petition(id: $id) {
      id
      commentCount
      comments(first: $first, after: $after) {
        totalCount
        pageInfo { hasNextPage endCursor }
        edges { cursor node { ${COMMENT_FIELDS} replies(first: 5) { totalCount edges { node { id depth } } } } }
      }
    }
  }
`;

export const COMMENT = /* GraphQL */ `
  query Comment($id: ID!) { comment(id: $id) { ${COMMENT_FIELDS} myVote viewerIsAuthor } }
`;

export const QUEUE = /* GraphQL */ `
  query CommentModerationQueue {
    commentModerationQueue(first: 50) {
      totalCount
      edges { node { id state body openReportCount abuseReports { edges { node { id reason details createdAt resolvedAt } } } } }
    }
  }
`;

export const petitionTarget = (id: string) => ({ type: "PETITION", id });
