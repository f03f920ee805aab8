// Prisma CLI configuration. The project applies its SQL migrations with its own runner
// (prisma/migrate.ts), so the CLI is only used here for `prisma generate`.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/parvis" },
});
