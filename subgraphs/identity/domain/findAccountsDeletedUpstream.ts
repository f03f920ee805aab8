// Which accounts Parvis knows that MonStrasbourg.eu no longer has: asked in pages, so that the number of
// accounts never decides the size of one request or of the memory used.
import type { AccountDirectory } from "../ports/accountDirectory.ts";
import type { AccountStore } from "../ports/accountStore.ts";

const PAGE = 500;

export async function findAccountsDeletedUpstream(
  store: AccountStore,
  directory: AccountDirectory,
): Promise<string[]> {
  const deletedIds: string[] = [];
  let afterId: string | null = null;
  for (;;) {
    const page = await store.liveSubjects(afterId, PAGE);
    if (page.length === 0) break;
    const deletedSubjects = new Set(await directory.deletedAmong(page.map((account) => account.subject)));
    for (const account of page) if (deletedSubjects.has(account.subject)) deletedIds.push(account.id);
    afterId = page.at(-1)?.id ?? null;
    if (page.length < PAGE) break;
  }
  return deletedIds;
}
