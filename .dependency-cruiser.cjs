// The architecture of Parvis, as rules the build enforces (`npm run lint`, CI). Each rule names the parts it
// separates; docs/architecture.md draws them. There is no exception list: code that breaks a rule is moved.
//
//   composition root (app/)  ─▶ subgraphs/registry.ts ─▶ subgraphs/<name>/manifest.ts ─▶ platform/
//                            ─▶ gateway/ ─────────────────────────────────────────────▶ platform/
//   platform/ (the core) knows no subgraph, no gateway, no tool; simulators/ build on the core only; data/ (the
//   demo data) imports nothing of Parvis; tests/ may import anything, and nothing imports tests/.
const TEST_FILE = "(^tests/|\\.test\\.ts$)";

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      comment: "No import circles: a circle makes two modules one, whatever the folders say.",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    {
      name: "nothing-imports-tests",
      comment:
        "Production code, tools and the benchmark never import tests/ (shared harness code lives in harness/).",
      severity: "error",
      from: { pathNot: TEST_FILE },
      to: { path: "^tests/" },
    },
    {
      name: "platform-knows-no-part",
      comment:
        "platform/ is the core every part builds on: it imports no subgraph, gateway, tool or simulator.",
      severity: "error",
      from: { path: "^platform/", pathNot: TEST_FILE },
      to: {
        path: "^(subgraphs|gateway|schema|simulators|bench|harness|app)/|^prisma/(?!generated/)",
      },
    },
    {
      name: "subgraphs-import-only-the-core-and-themselves",
      comment: "A subgraph reaches another only through federation or the subgraph client, never by import.",
      severity: "error",
      from: { path: "^subgraphs/([^/]+)/", pathNot: TEST_FILE },
      to: {
        path: "^(subgraphs|gateway|schema|simulators|bench|harness|app)/|^prisma/(?!generated/)",
        pathNot: "^subgraphs/$1/",
      },
    },
    {
      name: "gateway-imports-only-the-core",
      comment: "The gateway reads the generated supergraph and capability files, never subgraph code.",
      severity: "error",
      from: { path: "^gateway/", pathNot: TEST_FILE },
      to: { path: "^(subgraphs|schema|simulators|bench|harness|app)/|^prisma/" },
    },
    {
      name: "domain-is-pure",
      comment:
        "A subgraph's domain/ imports no adapter, resolver, route or job of its subgraph, nor GraphQL or Prisma.",
      severity: "error",
      from: { path: "^subgraphs/[^/]+/domain/", pathNot: TEST_FILE },
      to: {
        path: [
          "^subgraphs/[^/]+/(adapters|resolvers|http|jobs)/",
          "^subgraphs/[^/]+/(server|manifest|loaders|permissions)\\.ts$",
          "^prisma/",
          "node_modules/(@prisma|@apollo)/",
        ],
      },
    },
    {
      name: "production-code-needs-no-dev-dependency",
      comment:
        "The image installs with npm ci --omit=dev (deploy/Containerfile): what runs may not need a devDependency.",
      severity: "error",
      from: {
        path: "^(platform|gateway|subgraphs|app|data)/",
        pathNot: `${TEST_FILE}|^gateway/explorer/(web|build\\.ts)`,
      },
      to: { dependencyTypes: ["npm-dev"] },
    },
    {
      name: "simulators-stand-alone",
      comment:
        "A simulator plays another organisation's system: it builds on the core only, never on Parvis's parts.",
      severity: "error",
      from: { path: "^simulators/", pathNot: TEST_FILE },
      to: { path: "^(subgraphs|gateway|schema|bench|harness|app|prisma)/" },
    },
    {
      name: "data-is-only-data",
      comment:
        "data/ holds the demo data the seeds and the simulators share: it imports no part of Parvis, so both may read it.",
      severity: "error",
      from: { path: "^data/", pathNot: TEST_FILE },
      to: { path: "^(platform|subgraphs|gateway|schema|simulators|bench|harness|app|prisma)/" },
    },
    {
      name: "only-the-root-imports-the-registry",
      comment:
        "Which subgraphs exist is known to the composition root and the tools it offers (compose, seed).",
      severity: "error",
      from: { path: "^(platform|gateway|subgraphs/[^/]+)/", pathNot: TEST_FILE },
      to: { path: "^subgraphs/registry\\.ts$" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(prisma/generated|gateway/explorer/dist)" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
    },
  },
};
