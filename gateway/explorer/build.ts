// Builds the explorer page (GraphiQL from npm, React, Monaco and its workers) with Vite into gateway/explorer/dist,
// which the gateway serves (routes.ts) — everything local, nothing from a CDN. dist/ is not committed: the build runs
// before `npm start` (the `prestart` script) when it is missing or stale, and on demand with `npm run explorer:build`.
//
//   node gateway/explorer/build.ts            build now
//   node gateway/explorer/build.ts --if-stale build only when the sources or the packages changed since the last build
//
// Stale means: the stamp written in dist/ (a hash of web/ and of the versions of the packages bundled) differs.
// Concurrent builds (two test projects at once) take a lock file; the build goes to a temporary folder that
// replaces dist/ in one rename, so a reader never sees half a build.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { open } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const HERE = fileURLToPath(new URL(".", import.meta.url));
const WEB = join(HERE, "web");
export const DIST = join(HERE, "dist");
const LOCK = join(HERE, ".build.lock");
const STAMP_FILE = ".build-stamp";
const BUNDLED = [
  "graphiql",
  "@graphiql/react",
  "@graphiql/toolkit",
  "react",
  "react-dom",
  "monaco-editor",
  "vite",
];

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)]))
    .filter((file) => !file.endsWith(".test.ts"))
    .sort();
}

/** A hash of what the build depends on: the page's sources and the versions of the packages it bundles. */
export function sourceStamp(): string {
  const hash = createHash("sha256");
  for (const file of filesUnder(WEB)) hash.update(file.slice(WEB.length)).update(readFileSync(file));
  // This file holds the build's configuration.
  hash.update(readFileSync(fileURLToPath(import.meta.url)));
  const require = createRequire(import.meta.url);
  for (const name of BUNDLED) {
    try {
      hash.update(`${name}@${(require(`${name}/package.json`) as { version: string }).version}`);
    } catch {
      hash.update(`${name}@missing`);
    }
  }
  return hash.digest("hex");
}

export function isBuildCurrent(stamp = sourceStamp()): boolean {
  try {
    return readFileSync(join(DIST, STAMP_FILE), "utf8") === stamp && existsSync(join(DIST, "index.html"));
  } catch {
    return false;
  }
}

async function viteBuild(outDir: string): Promise<void> {
  const { build } = await import("vite");
  await build({
    configFile: false,
    root: WEB,
    base: "/explorer/",
    logLevel: "warn",
    // The bundled libraries read process.env.NODE_ENV: production builds of React and Monaco.
    mode: "production",
    build: {
      outDir,
      emptyOutDir: true,
      sourcemap: false,
      // Every asset is a file of this origin (no data: URIs for fonts), which the CSP allows with 'self'.
      assetsInlineLimit: 0,
      chunkSizeWarningLimit: 8_000,
      rollupOptions: {
        input: { index: join(WEB, "index.html"), callback: join(WEB, "callback.html") },
        // React libraries mark their modules "use client" (a server-components hint): meaningless in this bundle.
        onLog(level, log, handler) {
          if (log.code !== "MODULE_LEVEL_DIRECTIVE") handler(level, log);
        },
      },
    },
    worker: { format: "es" },
  });
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Takes the build lock, waiting for another build to finish (a lock left by a dead process is taken over). */
async function withLock<T>(fn: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      const handle = await open(LOCK, "wx");
      await handle.writeFile(String(process.pid));
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = Number(readFileSync(LOCK, "utf8") || "0");
      if (owner && !processAlive(owner)) rmSync(LOCK, { force: true });
      else await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(LOCK, { force: true });
  }
}

/** Vite and the bundled packages are development dependencies: a production install may not have them. */
function toolingInstalled(): boolean {
  const require = createRequire(import.meta.url);
  try {
    for (const name of ["vite", "graphiql", "react-dom"]) require.resolve(`${name}/package.json`);
    return true;
  } catch {
    return false;
  }
}

/** Builds the explorer into dist/ (always, or only when stale). Returns whether it built. */
export async function buildExplorer(options: { ifStale?: boolean } = {}): Promise<boolean> {
  if (options.ifStale && isBuildCurrent()) return false;
  // An image built with `npm run explorer:build`, then pruned of its development dependencies, keeps its build.
  if (options.ifStale && !toolingInstalled() && existsSync(join(DIST, "index.html"))) {
    console.warn("explorer: build tooling not installed, keeping the existing gateway/explorer/dist");
    return false;
  }
  return withLock(async () => {
    const stamp = sourceStamp();
    // Another process may have built it while this one waited for the lock.
    if (options.ifStale && isBuildCurrent(stamp)) return false;
    const temporary = `${DIST}.tmp-${process.pid}`;
    const previous = `${DIST}.old-${process.pid}`;
    rmSync(temporary, { recursive: true, force: true });
    await viteBuild(temporary);
    writeFileSync(join(temporary, STAMP_FILE), stamp);
    if (existsSync(DIST)) renameSync(DIST, previous);
    renameSync(temporary, DIST);
    rmSync(previous, { recursive: true, force: true });
    return true;
  });
}

/** The size of the built explorer, for the README's figures. */
export function distSize(): { files: number; bytes: number } {
  const files = filesUnder(DIST);
  return { files: files.length, bytes: files.reduce((sum, file) => sum + statSync(file).size, 0) };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const ifStale = process.argv.includes("--if-stale");
  const started = performance.now();
  try {
    const built = await buildExplorer({ ifStale });
    if (built) {
      const { files, bytes } = distSize();
      console.log(
        `explorer built in ${Math.round(performance.now() - started)} ms: ${files} files, ${(bytes / 1e6).toFixed(1)} MB in gateway/explorer/dist`,
      );
    } else {
      console.log("explorer is up to date (gateway/explorer/dist)");
    }
  } catch (error) {
    console.error(`explorer build failed: ${(error as Error).message}`);
    process.exit(1);
  }
}
