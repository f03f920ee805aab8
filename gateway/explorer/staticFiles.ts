// The built explorer (gateway/explorer/dist, made by build.ts): its two pages and its hashed assets, read from
// disk per request. Asset names are matched against a strict pattern and looked up in dist/assets only, so no
// request path can reach another file.
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { extname } from "node:path";
import { fileURLToPath } from "node:url";

export const EXPLORER_DIST = fileURLToPath(new URL("./dist/", import.meta.url));

const CONTENT_TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".html": "text/html; charset=utf-8",
  ".ttf": "font/ttf",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".json": "application/json",
};

const ASSET_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$/;

export interface StaticFile {
  stream: NodeJS.ReadableStream;
  contentType: string;
  size: number;
}

async function open(path: string): Promise<StaticFile | null> {
  const type = CONTENT_TYPES[extname(path)];
  if (!type) return null;
  try {
    const info = await stat(path);
    if (!info.isFile()) return null;
    return { stream: createReadStream(path), contentType: type, size: info.size };
  } catch {
    return null;
  }
}

export function explorerPage(
  name: "index.html" | "callback.html",
  dist = EXPLORER_DIST,
): Promise<StaticFile | null> {
  return open(`${dist}${name}`);
}

export function explorerAsset(name: string, dist = EXPLORER_DIST): Promise<StaticFile | null> {
  if (!ASSET_NAME.test(name) || name.includes("..")) return Promise.resolve(null);
  return open(`${dist}assets/${name}`);
}
