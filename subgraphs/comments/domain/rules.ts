// The limits that keep a discussion readable and a comment bomb out: size, depth, edit window and rhythm. They are
// the same for every target; the schema publishes them (`commentRules`) so that the apps can say them in advance.

export interface CommentRules {
  /** Longest comment, in characters (as a person counts them). */
  maxLength: number;
  /** Deepest reply: 0 is the top of a thread, so `maxDepth` 3 allows replies to replies to replies. */
  maxDepth: number;
  /** How long the author may edit a comment after posting it. */
  editWindowMinutes: number;
  /** Comments (and replies) one person may post per rolling minute, and per rolling hour. */
  perMinute: number;
  perHour: number;
  /** Abuse reports one person may file per rolling hour. */
  reportsPerHour: number;
  /** Longest report details and moderation reason. */
  detailsMaxLength: number;
  reasonMaxLength: number;
  /** Resolved reports keep who filed them this long, then only the reason and dates remain. */
  reportRetentionDays: number;
}

export const COMMENT_RULES: CommentRules = {
  maxLength: 4_000,
  maxDepth: 3,
  editWindowMinutes: 15,
  perMinute: 5,
  perHour: 40,
  reportsPerHour: 20,
  detailsMaxLength: 1_000,
  reasonMaxLength: 500,
  reportRetentionDays: 365,
};

export function editableUntil(createdAt: Date, rules: CommentRules): Date {
  return new Date(createdAt.getTime() + rules.editWindowMinutes * 60_000);
}
