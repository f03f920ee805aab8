// Prints a token minted by a running simulator (for curl and GraphQL clients in development):
//   node_modules/.bin/node simulators/monstrasbourg/token.ts resident
//   node_modules/.bin/node simulators/monstrasbourg/token.ts moderator --scope "openid profile roles"
//   node_modules/.bin/node simulators/monstrasbourg/token.ts resident --id          (an id_token)
//   node_modules/.bin/node simulators/monstrasbourg/token.ts --partner [ems-partner] (client credentials)
// The simulator's URL comes from MONSTRASBOURG_SIMULATOR_URL, else MONSTRASBOURG_URL, else
// MONSTRASBOURG_SIMULATOR_PORT, else the platform's PORT + 200 (the embedded simulator's port: 4200 for 4000).
import { parseArgs } from "node:util";
import { derivedUrls } from "../../platform/config.ts";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    scope: { type: "string" },
    client: { type: "string" },
    id: { type: "boolean", default: false },
    partner: { type: "boolean", default: false },
    ttl: { type: "string" },
  },
});

const base =
  process.env.MONSTRASBOURG_SIMULATOR_URL ??
  process.env.MONSTRASBOURG_URL ??
  (process.env.MONSTRASBOURG_SIMULATOR_PORT
    ? `http://127.0.0.1:${process.env.MONSTRASBOURG_SIMULATOR_PORT}`
    : derivedUrls(Number(process.env.PORT || 4000) || 4000).MONSTRASBOURG_URL);

const body: Record<string, unknown> = {};
// `npm run token -- ems-partner` names the partner client like a persona.
if (positionals[0] === "ems-partner") values.partner = true;
if (values.partner) {
  body.clientId = positionals[0] ?? values.client ?? "ems-partner";
} else {
  body.persona = positionals[0] ?? "resident";
  if (values.client) body.clientId = values.client;
  if (values.id) body.kind = "id";
}
if (values.scope) body.scope = values.scope;
if (values.ttl) body.ttlSeconds = Number(values.ttl);

try {
  const response = await fetch(`${base.replace(/\/+$/, "")}/__simulator/token`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const result = (await response.json()) as { token?: string; error?: string };
  if (!response.ok || !result.token) {
    process.stderr.write(`token: ${response.status} ${result.error ?? "no token"}\n`);
    process.exit(1);
  }
  process.stdout.write(`${result.token}\n`);
} catch (error) {
  process.stderr.write(`token: cannot reach the simulator at ${base} (${(error as Error).message})\n`);
  process.exit(1);
}
