// `prisma generate` without network: the CLI wants a schema-engine binary it never uses for generation,
// so point it at an existing file unless the environment already provides a real one. The platform's tables
// (outbox, ledger) get their models generated first (platformModels.ts).
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { writePlatformModels } from "./platformModels.ts";

writePlatformModels(fileURLToPath(new URL(".", import.meta.url)));

const require = createRequire(import.meta.url);
const cli = require.resolve("prisma/build/index.js");
const env = { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? cli };
execFileSync(process.execPath, [cli, "generate"], { stdio: "inherit", env });
