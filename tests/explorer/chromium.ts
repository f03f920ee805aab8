// Which Chromium the browser tests drive: CHROMIUM_PATH when set, else the system's /usr/bin/chromium when
// present, else the one shipped inside the npm package @sparticuz/chromium (a brotli-compressed headless shell), so
// `npm ci && npm test` passes on a machine with nothing installed from apt.
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const SYSTEM_CHROMIUM = "/usr/bin/chromium";

export interface ChromiumBinary {
  executablePath: string;
  /** Where it came from, for error messages. */
  source: "CHROMIUM_PATH" | "system" | "@sparticuz/chromium";
  /** Environment the browser needs (the packaged one brings its own fonts). */
  env: Record<string, string>;
}

export async function findChromium(): Promise<ChromiumBinary> {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) {
    if (!existsSync(configured))
      throw new Error(`CHROMIUM_PATH points at ${configured}, which does not exist.`);
    return { executablePath: configured, source: "CHROMIUM_PATH", env: {} };
  }
  if (existsSync(SYSTEM_CHROMIUM)) return { executablePath: SYSTEM_CHROMIUM, source: "system", env: {} };
  const directory = await unpackPackagedChromium();
  return {
    executablePath: join(directory, "chromium"),
    source: "@sparticuz/chromium",
    env: { FONTCONFIG_FILE: join(directory, "parvis-fonts.conf") },
  };
}

/**
 * Unpacks the package's binary, fonts and SwiftShader once per package version into a shared directory. The
 * package itself inflates into os.tmpdir() and trusts any file already there — a half-written binary left by a
 * killed or concurrent run would be used as is — so it inflates into a private directory (its tmpdir() is read
 * from TMPDIR at each call) that is then renamed into place, which is atomic: readers see all or nothing.
 */
async function unpackPackagedChromium(): Promise<string> {
  // The package exports no package.json: read it next to its entry point (build/index.js).
  const manifest = new URL("../package.json", import.meta.resolve("@sparticuz/chromium"));
  const { version } = JSON.parse(readFileSync(manifest, "utf8")) as { version: string };
  const target = join(tmpdir(), `parvis-sparticuz-chromium-${version}`);
  const complete = join(target, ".complete");
  if (existsSync(complete)) return target;

  const staging = mkdtempSync(`${target}.partial-`);
  const previousTmpdir = process.env.TMPDIR;
  try {
    process.env.TMPDIR = staging;
    const { default: chromium } = await import("@sparticuz/chromium");
    await chromium.executablePath();
  } finally {
    if (previousTmpdir === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previousTmpdir;
  }
  // The package's fonts.conf names Lambda's paths (/tmp/fonts…): ours names the unpacked fonts and the system's.
  writeFileSync(
    join(staging, "parvis-fonts.conf"),
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n` +
      `  <dir>${join(target, "fonts")}</dir>\n  <dir>/usr/share/fonts</dir>\n` +
      `  <cachedir>${join(target, "fonts-cache")}</cachedir>\n</fontconfig>\n`,
  );
  writeFileSync(join(staging, ".complete"), version);
  if (existsSync(complete)) {
    // Another run finished first: use its copy, drop ours.
    rmSync(staging, { recursive: true, force: true });
    return target;
  }
  rmSync(target, { recursive: true, force: true }); // an incomplete leftover (no .complete marker)
  try {
    renameSync(staging, target);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(complete)) throw error;
  }
  return target;
}
