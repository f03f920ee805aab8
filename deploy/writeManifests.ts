// `npm run deploy:manifests`: writes deploy/kubernetes/*.yaml from deploy/manifests.ts (commit the result).
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { manifestFiles, renderManifest } from "./manifests.ts";

const DIR = fileURLToPath(new URL("./kubernetes/", import.meta.url));
mkdirSync(DIR, { recursive: true });
const files = manifestFiles();
for (const stale of readdirSync(DIR).filter((file) => file.endsWith(".yaml") && !(file in files))) {
  rmSync(join(DIR, stale));
}
for (const [file, objects] of Object.entries(files)) writeFileSync(join(DIR, file), renderManifest(objects));
console.log(`wrote ${Object.keys(files).length} files to deploy/kubernetes/`);
