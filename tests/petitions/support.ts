// Helpers of the petitions tests: the operations, a petitions server of the test platform's database for
// signing as many distinct residents as needed (callers signed like the gateway's, see subgraphCall.ts), and
// shortcuts to put a petition in a given state.

import type { TestPlatform } from "../../harness/platform.ts";
import { callSubgraph } from "../../harness/subgraphCall.ts";
import type { Caller } from "../../platform/caller.ts";
import { pseudonymousAccountId } from "../../platform/ids.ts";
import { InternalCallError } from "../../platform/internalClient.ts";
import {
  type AnySubgraphModule,
  createSubgraphServer,
  type SubgraphServer,
} from "../../platform/subgraphServer.ts";
import { petitions } from "../../subgraphs/petitions/server.ts";

export const PETITION_FIELDS = /* GraphQL */ `
  id title titleHtml body bodyHtml theme state displayedStatus signingOpen signatureCount onlineSignatureCount
  paperSignatureCount rejectionReason publishedAt signingStartsAt signingEndsAt
  author { id } quartier { id }
  milestones { kind threshold reachedAt signatureCount }
  nextMilestone { kind threshold remaining }
  response { text textHtml respondedAt service }
`;

export const CREATE = /* GraphQL */ `
  mutation Create($input: PetitionInput!) {
    createPetition(input: $input) {
      __typename
      ... on PetitionCreated { petition { ${PETITION_FIELDS} } }
      ... on InvalidPetitionText { field reason min max }
      ... on PetitionNotEligible { reasons }
      ... on PetitionUnknownQuartier { quartierId }
      ... on Problem { message }
    }
  }
`;

export const UPDATE = /* GraphQL */ `
  mutation Update($id: ID!, $input: PetitionInput!) {
    updatePetition(id: $id, input: $input) {
      __typename
      ... on PetitionUpdated { petition { ${PETITION_FIELDS} } }
      ... on InvalidPetitionText { field reason }
      ... on PetitionStateConflict { currentState }
      ... on Problem { message }
    }
  }
`;

const simple = (
  name: string,
  success: string,
  args = "$id: ID!",
  call = "id: $id",
  texts = false,
) => /* GraphQL */ `
  mutation ${name[0]?.toUpperCase()}${name.slice(1)}(${args}) {
    ${name}(${call}) {
      __typename
      ... on ${success} { petition { ${PETITION_FIELDS} } }
      ... on PetitionStateConflict { currentState }
      ${texts ? "... on InvalidPetitionText { field reason }" : ""}
      ... on Problem { message }
    }
  }
`;

export const SUBMIT = simple("submitPetition", "PetitionSubmitted");
export const START_MODERATION = simple("startPetitionModeration", "PetitionModerationStarted");
export const PUBLISH = simple(
  "publishPetition",
  "PetitionPublished",
  "$id: ID!, $signingStartsAt: DateTime",
  "id: $id, signingStartsAt: $signingStartsAt",
);
export const REJECT = simple(
  "rejectPetition",
  "PetitionRejected",
  "$id: ID!, $reason: String!",
  "id: $id, reason: $reason",
  true,
);
export const RESPOND = simple(
  "respondToPetition",
  "PetitionAnswered",
  "$id: ID!, $response: String!",
  "id: $id, response: $response",
  true,
);
export const WITHDRAW_PETITION = simple("withdrawPetition", "PetitionWithdrawn");

export const SIGN = /* GraphQL */ `
  mutation Sign($petitionId: ID!, $key: String!, $publicName: String) {
    signPetition(petitionId: $petitionId, idempotencyKey: $key, publicName: $publicName) {
      __typename
      ... on PetitionSigned { signature { id ledgerIndex publicName } petition { id signatureCount } }
      ... on AlreadySigned { signature { id ledgerIndex } }
      ... on PetitionNotEligible { reasons }
      ... on PetitionNotOpen { currentState }
      ... on InvalidPetitionText { field reason }
      ... on Problem { message }
    }
  }
`;

export const WITHDRAW_SIGNATURE = /* GraphQL */ `
  mutation WithdrawSignature($petitionId: ID!) {
    withdrawSignature(petitionId: $petitionId) {
      __typename
      ... on SignatureWithdrawn { petition { id signatureCount onlineSignatureCount } }
      ... on Problem { message }
    }
  }
`;

export const PETITION = /* GraphQL */ `
  query Petition($id: ID!) { petition(id: $id) { ${PETITION_FIELDS} } }
`;

export const LEDGER_HEAD = /* GraphQL */ `
  query LedgerHead($id: ID!) {
    petition(id: $id) { signatureCount ledger { logId publicKey head { logId size total rootHash timestamp signature keyId } } }
  }
`;

export const THEMES = ["MOBILITY", "ENVIRONMENT", "CULTURE"] as const;

export function petitionInput(overrides: Record<string, unknown> = {}) {
  return {
    title: "Des pistes cyclables continues rue du Faubourg-National",
    body:
      "La piste cyclable s'interrompt trois fois entre la gare et le centre.\n\n" +
      "Nous demandons une voie continue et protégée, comme le plan vélo de l'Eurométropole le prévoit.",
    theme: "MOBILITY",
    ...overrides,
  };
}

/** A verified resident of the Eurométropole who signed the pact: eligible under the default rules. */
export function resident(i: number, secret: string, overrides: Partial<Caller> = {}): Caller {
  return {
    kind: "citizen",
    accountId: pseudonymousAccountId(`test-resident-${i}`, secret),
    roles: ["citizen"],
    staffService: null,
    partnerClientId: null,
    scopes: [],
    verificationLevel: "resident_verified",
    claims: { eurometropoleResident: true, participationPactSigned: true, ageBand: "18_plus" },
    ...overrides,
  };
}

export const staffCaller = (secret: string, roles: Caller["roles"] = ["citizen", "staff"]): Caller => ({
  ...resident(9_000, secret),
  kind: "staff",
  roles,
  staffService: "MPC",
});

/** A second petitions server on the platform's database, called directly with a signed caller header. */
export interface DirectPetitions {
  server: SubgraphServer;
  // biome-ignore lint/suspicious/noExplicitAny: test answers are read field by field.
  call<T = Record<string, any>>(
    caller: Caller,
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<{
    data?: T | null;
    errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string } }[];
  }>;
}

export async function directPetitions(platform: TestPlatform): Promise<DirectPetitions> {
  const internal = {
    request: () =>
      Promise.reject(new InternalCallError("directory", ["UNAVAILABLE"], "not in this test server")),
    personalDataHolders: [],
  };
  const server = await createSubgraphServer(petitions as AnySubgraphModule, {
    config: platform.config,
    log: platform.log,
    db: platform.db,
    cache: platform.cache,
    internal,
  });
  return {
    server,
    async call(caller, query, variables) {
      const { body } = await callSubgraph(server, query, variables, {
        caller,
        secret: platform.config.CALLER_SIGNING_SECRET,
      });
      return body as never;
    },
  };
}

export function key(label: string): string {
  return `${label}-${Math.random().toString(36).slice(2, 12)}`;
}

/** Creates a petition as `author` and, unless `state` says otherwise, submits and publishes it (direct calls). */
export async function preparePetition(
  direct: DirectPetitions,
  secret: string,
  options: {
    author?: Caller;
    input?: Record<string, unknown>;
    state?: "draft" | "submitted" | "published";
  } = {},
): Promise<string> {
  const author = options.author ?? resident(1, secret);
  const created = await direct.call(author, CREATE, { input: petitionInput(options.input) });
  const id = created.data?.createPetition?.petition?.id as string;
  if (!id) throw new Error(`could not create: ${JSON.stringify(created)}`);
  if (options.state === "draft") return id;
  await direct.call(author, SUBMIT, { id });
  if (options.state === "submitted") return id;
  const published = await direct.call(moderatorCaller(secret), PUBLISH, { id });
  if (published.data?.publishPetition?.__typename !== "PetitionPublished") {
    throw new Error(`could not publish: ${JSON.stringify(published)}`);
  }
  return id;
}

export const moderatorCaller = (secret: string): Caller =>
  staffCaller(secret, ["citizen", "staff", "moderator"]);
