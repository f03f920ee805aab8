// Erases or pseudonymises one account's data in every subgraph that holds personal data, each through its own
// `_eraseAccountData` mutation (no subgraph's tables are touched from outside). Identity goes last: until it
// has erased its record, the account is still listed as to be erased, so an interrupted run is simply resumed.
import type { GraphQLDataSource } from "@apollo/gateway";
import type { GatewayContext } from "../dataSources.ts";
import { callAsSystem } from "./systemCall.ts";

export interface Erasure {
  subgraph: string;
  erased: number;
  pseudonymised: number;
}

const ERASE = /* GraphQL */ `
  mutation EraseAccountData($accountId: ID!) { _eraseAccountData(accountId: $accountId) { subgraph erased pseudonymised } }
`;

export async function eraseAccountEverywhere(
  accountId: string,
  holders: ReadonlyMap<string, GraphQLDataSource<GatewayContext>>,
): Promise<Erasure[]> {
  const order = [...holders.keys()].sort((a, b) => Number(a === "identity") - Number(b === "identity"));
  const erasures: Erasure[] = [];
  for (const name of order) {
    const dataSource = holders.get(name);
    if (!dataSource) continue;
    const data = await callAsSystem<{ _eraseAccountData: Erasure }>(dataSource, ERASE, { accountId });
    erasures.push(data._eraseAccountData);
  }
  return erasures;
}
