// Maps verified token claims to a Caller. MonStrasbourg.eu's claims are documented in
// simulators/monstrasbourg/README.md: `accord_placit` ("true"/"false"), `eurometropole_resident`,
// `email_verified`, `age_band`, `roles` (Publik role slugs) and `service`. Partners' client-credentials tokens
// carry `client_id` and `scope` and no person.
import type { JWTPayload } from "jose";
import type { Caller, Role } from "../../platform/caller.ts";
import { pseudonymousAccountId } from "../../platform/ids.ts";

/** Publik role slugs → platform roles. Unknown slugs are ignored (deny by default). */
const ROLE_BY_SLUG: Record<string, Role> = {
  "parvis-staff": "staff",
  "parvis-moderator": "moderator",
  "parvis-dpo": "dpo",
  "parvis-admin": "admin",
};

/** Scopes a partner token may carry; anything else in `scope` is dropped. */
export const PARTNER_SCOPES = [
  "reports:read",
  "reports:write",
  "directory:read",
  "directory:write",
  "petitions:read",
  "budget:read",
  "comments:read",
] as const;

const truthy = (value: unknown) => value === true || value === "true";

function ageBandOf(value: unknown): Caller["claims"]["ageBand"] {
  if (typeof value !== "string") return null;
  if (value === "under-16") return "under_16";
  if (value === "16-17") return "16_17";
  // Adult bands as the provider names them: "18-24" … "50-64", "65-plus" (or "65+").
  return /^(\d+)-(\d+|plus)$|^\d+\+$/.test(value) ? "18_plus" : null;
}

export class UnusableClaimsError extends Error {
  override name = "UnusableClaimsError";
}

export function callerFromClaims(claims: JWTPayload, options: { pseudonymSecret: string }): Caller {
  const clientId = typeof claims.client_id === "string" ? claims.client_id : undefined;
  const personSubject = typeof claims.sub === "string" && claims.sub !== clientId ? claims.sub : undefined;

  if (!personSubject) {
    if (!clientId) throw new UnusableClaimsError("token names neither a person nor a client");
    const granted = typeof claims.scope === "string" ? claims.scope.split(" ") : [];
    return {
      kind: "partner",
      accountId: null,
      roles: ["partner"],
      staffService: null,
      partnerClientId: clientId,
      scopes: granted.filter((scope) => (PARTNER_SCOPES as readonly string[]).includes(scope)),
      verificationLevel: "none",
      claims: { eurometropoleResident: false, participationPactSigned: false, ageBand: null },
    };
  }

  const slugs = Array.isArray(claims.roles) ? claims.roles.filter((slug) => typeof slug === "string") : [];
  const staffRoles = [
    ...new Set(slugs.map((slug) => ROLE_BY_SLUG[slug]).filter((role) => role !== undefined)),
  ];
  const isStaff = staffRoles.length > 0;
  const emailVerified = truthy(claims.email_verified);
  const resident = truthy(claims.eurometropole_resident);
  const pactSigned = truthy(claims.accord_placit);
  return {
    kind: isStaff ? "staff" : "citizen",
    accountId: pseudonymousAccountId(personSubject, options.pseudonymSecret),
    subject: personSubject,
    roles: ["citizen", ...staffRoles],
    staffService: isStaff && typeof claims.service === "string" ? claims.service : null,
    partnerClientId: null,
    scopes: [],
    verificationLevel:
      emailVerified && resident && pactSigned
        ? "resident_verified"
        : emailVerified
          ? "email_verified"
          : "unverified",
    claims: {
      eurometropoleResident: resident,
      participationPactSigned: pactSigned,
      ageBand: ageBandOf(claims.age_band),
    },
  };
}
