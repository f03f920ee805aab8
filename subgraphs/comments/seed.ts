// Demo comments: a short discussion on the most recently published demo petition, with a reply, a vote, and one
// comment reported for insults (waiting in the moderators' queue). Written through the store, as the API would.
// Which petition: read from the petitions' demo data already seeded (a seed script, not the running service — at
// run time this subgraph never reads another's tables). Idempotent: nothing is added when the petition already has
// comments.
import { loadConfig } from "../../platform/config.ts";
import type { Database } from "../../platform/db/database.ts";
import { newId, pseudonymousAccountId } from "../../platform/ids.ts";
import type { Logger } from "../../platform/logger.ts";
import { sqlCommentStore } from "./adapters/sqlCommentStore.ts";
import type { Target } from "./domain/model.ts";

const DISCUSSION = [
  {
    who: "comment-author-1",
    body: "Tout à fait d'accord : la rupture devant la gare est dangereuse le matin.",
  },
  {
    who: "comment-author-2",
    body: "Il faudrait aussi penser aux livraisons des commerces de la rue.",
    replyTo: 0,
  },
  { who: "comment-author-3", body: "Une piste continue, oui, mais pas au détriment des trottoirs." },
  {
    who: "comment-author-4",
    body: "Ceux qui signent ça sont des imbéciles qui ne travaillent pas.",
    reported: true,
  },
] as const;

export async function seedComments(db: Database, log: Logger): Promise<void> {
  const config = loadConfig();
  const account = (label: string) => pseudonymousAccountId(`demo:${label}`, config.PSEUDONYM_SECRET);
  const [petition] = await db.query<{ id: string }>(
    "SELECT id FROM petitions.petition WHERE state = 'published' ORDER BY published_at DESC, id LIMIT 1",
  );
  if (!petition) return;
  const target: Target = { type: "petition", id: petition.id };
  const store = sqlCommentStore(db.prisma);
  if ((await store.countTopLevel([target])).get(`petition:${petition.id}`)) return;
  const posted: { id: string; depth: number }[] = [];
  let reported = 0;
  for (const line of DISCUSSION) {
    const parent = "replyTo" in line ? posted[line.replyTo] : undefined;
    const outcome = await store.post(
      {
        id: newId(),
        target,
        parent: parent ?? null,
        authorAccountId: account(line.who),
        body: line.body,
        idempotencyKey: null,
      },
      [],
    );
    if (outcome.kind !== "posted") throw new Error(`demo comment not posted: ${outcome.kind}`);
    posted.push({ id: outcome.comment.id, depth: outcome.comment.depth });
    if ("reported" in line) {
      await store.report(
        {
          id: newId(),
          commentId: outcome.comment.id,
          reporterAccountId: account("comment-author-1"),
          reason: "insult",
          details: "Insulte envers les signataires.",
        },
        { since: new Date(), max: 1, seconds: 1 },
      );
      reported++;
    }
  }
  const first = posted[0];
  if (first) await store.vote(first.id, account("comment-author-3"), 1);
  log.info({ comments: posted.length, reported }, "demo comments seeded");
}
