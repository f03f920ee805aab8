// Erasure of a person's account in every subgraph that holds personal data, each through its own
// `_eraseAccountData` mutation; the identity record goes last, so that an interrupted erasure can be asked again
// (the account still exists until everything else is gone). Pure orchestration: the calls are passed in.

export interface Erasure {
  subgraph: string;
  erased: number;
  pseudonymised: number;
}

export type EraseAccountOutcome =
  | { kind: "erased"; erasures: Erasure[] }
  | { kind: "incomplete"; erasures: Erasure[]; pending: string[] };

export async function eraseAccountEverywhere(
  holders: readonly string[],
  eraseIn: (subgraph: string) => Promise<Erasure>,
  eraseIdentity: () => Promise<Erasure>,
): Promise<EraseAccountOutcome> {
  const erasures: Erasure[] = [];
  const pending: string[] = [];
  for (const subgraph of holders.filter((name) => name !== "identity")) {
    try {
      erasures.push(await eraseIn(subgraph));
    } catch {
      pending.push(subgraph);
    }
  }
  if (pending.length > 0) return { kind: "incomplete", erasures, pending: [...pending, "identity"] };
  erasures.push(await eraseIdentity());
  return { kind: "erased", erasures };
}
