// What each scope releases, and the JSON shapes built from a persona: OIDC claims (id_token, userinfo), the
// claims copied into JWT access tokens, the Authentic2 `/api/users/{uuid}/` document and the w.c.s. form list.
// In Authentic2 the claims are configured per OIDC client (name, user attribute, scopes); the real MonStrasbourg
// configuration is unknown beyond `sub`, `given_name`, `family_name`, `email`, `accord_placit` and
// `accord_placit_listing`, so everything else here is an explicit simulator choice (see README.md).
import { ageBand, type DemoForm, type Persona, ROLE_CATALOGUE } from "./personas.ts";

export const SUPPORTED_SCOPES = [
  "openid",
  "profile",
  "email",
  "address",
  "phone",
  "roles",
  "offline_access",
] as const;

/** Claims released by each scope (besides `sub`, always present). */
export const SCOPE_CLAIMS: Readonly<Record<string, readonly string[]>> = {
  openid: ["sub"],
  profile: [
    "given_name",
    "family_name",
    "name",
    "preferred_username",
    "birthdate",
    "age_band",
    "eurometropole_resident",
    "accord_placit",
    "accord_placit_listing",
  ],
  email: ["email", "email_verified"],
  address: ["address"],
  phone: ["phone_number"],
  roles: ["roles", "service"],
  offline_access: [],
};

export const SUPPORTED_CLAIMS: readonly string[] = [
  ...new Set([
    ...Object.values(SCOPE_CLAIMS).flat(),
    "iss",
    "aud",
    "exp",
    "iat",
    "auth_time",
    "nonce",
    "acr",
    "sid",
  ]),
];

/** Claims that carry authorisation facts and are also copied into JWT access tokens (no names, no e-mail). */
const ACCESS_TOKEN_CLAIMS = [
  "roles",
  "service",
  "accord_placit",
  "eurometropole_resident",
  "age_band",
  "email_verified",
] as const;

const publikBoolean = (value: boolean): "true" | "false" => (value ? "true" : "false");

/** Every claim the simulator can release for a persona (before scope filtering). */
function allClaims(persona: Persona, now: Date): Record<string, unknown> {
  return {
    sub: persona.uuid,
    given_name: persona.firstName,
    family_name: persona.lastName,
    name: `${persona.firstName} ${persona.lastName}`,
    preferred_username: persona.username ?? undefined,
    birthdate: persona.birthdate ?? undefined,
    age_band: ageBand(persona.birthdate, now) ?? undefined,
    eurometropole_resident: persona.eurometropoleResident,
    accord_placit: publikBoolean(persona.accordPlacit),
    accord_placit_listing: publikBoolean(persona.accordPlacitListing),
    email: persona.email,
    email_verified: persona.emailVerified,
    address: persona.address
      ? {
          formatted: `${persona.address.street}\n${persona.address.zipcode} ${persona.address.city}`,
          street_address: persona.address.street,
          postal_code: persona.address.zipcode,
          locality: persona.address.city,
          country: persona.address.country,
        }
      : undefined,
    phone_number: persona.phone ?? undefined,
    roles: [...persona.roles],
    service: persona.service ?? undefined,
  };
}

function pick(source: Record<string, unknown>, names: Iterable<string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of names) {
    if (source[name] !== undefined) out[name] = source[name];
  }
  return out;
}

export function claimNamesFor(scopes: Iterable<string>): Set<string> {
  const names = new Set<string>(["sub"]);
  for (const scope of scopes) for (const claim of SCOPE_CLAIMS[scope] ?? []) names.add(claim);
  return names;
}

/** The claims of the id_token and of the userinfo response for the granted scopes. */
export function userClaims(persona: Persona, scopes: Iterable<string>, now: Date): Record<string, unknown> {
  return pick(allClaims(persona, now), claimNamesFor(scopes));
}

/** The authorisation claims copied into a person's JWT access token for the granted scopes. */
export function accessTokenUserClaims(
  persona: Persona,
  scopes: Iterable<string>,
  now: Date,
): Record<string, unknown> {
  const granted = claimNamesFor(scopes);
  return pick(
    allClaims(persona, now),
    ACCESS_TOKEN_CLAIMS.filter((name) => granted.has(name)),
  );
}

/**
 * The account as Authentic2's `GET /api/users/{uuid}/` renders it: the user model fields, the user attributes
 * flattened at the top level (Publik style: `title`, `phone`, `address`, `zipcode`, `city`, `birthdate`,
 * `accord_placit`…) and the roles. The real API also returns a `password` field (a hash) that consumers must
 * drop; the simulator never includes one unless `includePasswordField` is set, and then only an unusable marker.
 */
export function publikUserDocument(
  persona: Persona,
  lastLogin: string | null,
  options: { includePasswordField: boolean },
): Record<string, unknown> {
  const doc: Record<string, unknown> = {
    ou: persona.ou,
    id: persona.id,
    uuid: persona.uuid,
    username: persona.username,
    first_name: persona.firstName,
    first_name_verified: persona.emailVerified,
    last_name: persona.lastName,
    last_name_verified: persona.emailVerified,
    full_name: `${persona.firstName} ${persona.lastName}`,
    email: persona.email,
    email_verified: persona.emailVerified,
    email_verified_date: persona.emailVerified ? persona.dateJoined : null,
    email_verified_sources: persona.emailVerified ? ["email"] : [],
    is_active: true,
    is_staff: false,
    is_superuser: false,
    date_joined: persona.dateJoined,
    last_login: lastLogin,
    modified: lastLogin ?? persona.dateJoined,
    last_account_deletion_alert: null,
    deactivation: null,
    deactivation_reason: null,
    phone_verified_on: null,
    title: persona.title ?? "",
    phone: persona.phone ?? "",
    mobile: "",
    address: persona.address?.street ?? "",
    zipcode: persona.address?.zipcode ?? "",
    city: persona.address?.city ?? "",
    country: persona.address?.country ?? "",
    birthdate: persona.birthdate,
    accord_placit: publikBoolean(persona.accordPlacit),
    accord_placit_listing: publikBoolean(persona.accordPlacitListing),
    eurometropole_resident: persona.eurometropoleResident,
    service: persona.service ?? "",
    roles: persona.roles.map((slug) => ({
      uuid: ROLE_CATALOGUE[slug]?.uuid ?? null,
      name: ROLE_CATALOGUE[slug]?.name ?? slug,
      slug,
      ou: persona.ou,
    })),
  };
  if (options.includePasswordField) doc.password = "!unusable-simulator-password";
  return doc;
}

/** One entry of w.c.s.'s `api/user/forms` list (`full=on` adds `fields` and `workflow`). */
export function wcsFormEntry(
  persona: Persona,
  form: DemoForm,
  demarchesBaseUrl: string,
  full: boolean,
): Record<string, unknown> {
  const url = `${demarchesBaseUrl}/${form.formdefSlug}/${form.number}/`;
  const entry: Record<string, unknown> = {
    name: form.formdefName,
    title: `${form.formdefName} - n°${form.formdefId}-${form.number}`,
    url,
    form_url: url,
    form_slug: form.formdefSlug,
    form_number: `${form.formdefId}-${form.number}`,
    form_number_raw: String(form.number),
    datetime: form.receiptTime,
    form_receipt_datetime: form.receiptTime,
    last_update_time: form.lastUpdateTime,
    status: form.status,
    form_status: form.status,
    form_status_is_endpoint: form.statusEndpoint,
    draft: form.draft,
    readable: true,
    category_slug: form.categorySlug,
    category_title: form.categoryTitle,
    keywords: [],
  };
  if (full) {
    entry.fields = { ...form.fields };
    entry.workflow = { status: { id: form.statusId, name: form.status, endpoint: form.statusEndpoint } };
    entry.user = {
      NameID: [persona.uuid],
      name: `${persona.firstName} ${persona.lastName}`,
      email: persona.email,
    };
  }
  return entry;
}
