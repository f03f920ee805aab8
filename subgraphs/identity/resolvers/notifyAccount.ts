// Internal mutation `_notifyAccount` (issue 11): the notifications relay asks identity to tell a person something
// through Strasbourg.eu. Identity resolves the Publik id (never exposed), honours the person's settings (types
// they turned off are skipped), and sends. Upstream failures are errors, so the relay retries the event later.
import type { SubgraphContext } from "../../../platform/context.ts";
import { badUserInput } from "../../../platform/errors.ts";
import { isUuid } from "../../../platform/ids.ts";
import { strasbourgEuNotifications } from "../adapters/strasbourgEuNotifications.ts";
import type { IdentityLoaders } from "../loaders.ts";

interface Args {
  accountId: string;
  typeId: string;
  title: string;
  description: string;
  url?: string | null;
}

export async function notifyAccount(_: unknown, args: Args, ctx: SubgraphContext<IdentityLoaders>) {
  if (!isUuid(args.accountId))
    throw badUserInput("Identifiant de compte invalide.", { argument: "accountId" });
  const subjects = await ctx.loaders.store.subjectsByIds([args.accountId]);
  const userId = subjects.get(args.accountId);
  if (!userId) return "NO_ACCOUNT";
  const client = strasbourgEuNotifications(ctx.config, ctx.log);
  if ((await client.disabledTypes(userId)).includes(args.typeId)) return "SKIPPED_BY_SETTINGS";
  await client.add(
    userId,
    { typeId: args.typeId, title: args.title, description: args.description, url: args.url ?? "" },
    new Date(),
  );
  return "SENT";
}
