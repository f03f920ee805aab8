// Shared by the reports end-to-end tests: a signed-in platform with its photos in a temporary folder, and small
// helpers for the operations every test uses. Nothing here asserts.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestPlatformOptions } from "../../harness/platform.ts";
import { type SignedInPlatform, startSignedInPlatform } from "../../harness/withMonStrasbourg.ts";
import type { Persona } from "../../simulators/monstrasbourg/index.ts";

export interface ReportsPlatform extends SignedInPlatform {
  /** http://127.0.0.1:<port> */
  base: string;
  photoDir: string;
  submit(input: Record<string, unknown>, token?: string, selection?: string): Promise<SubmitAnswer>;
  upload(
    body: Uint8Array | string,
    token?: string,
    contentType?: string,
  ): Promise<{ status: number; json: UploadAnswer }>;
  /** Fetches a photo URL handed out by the API (made with PUBLIC_BASE_URL) from this platform. */
  fetchMedia(url: string): Promise<Response>;
}

export interface UploadAnswer {
  uploadId?: string;
  mediaType?: string;
  byteSize?: number;
  width?: number;
  height?: number;
  error?: { code: string; message: string };
}

export interface SubmitAnswer {
  status: number;
  errors?: { message: string; extensions?: { code?: string; argument?: string } }[];
  result: Record<string, unknown> & { __typename: string };
}

export const CATHEDRAL = { lat: 48.5818, lon: 7.751 };
/** Neudorf (Strasbourg), near the market square. */
export const NEUDORF = { lat: 48.565, lon: 7.762 };
/** Schiltigheim, town hall area. */
export const SCHILTIGHEIM = { lat: 48.6072, lon: 7.7497 };
/** Kehl (Germany), across the Rhine: inside the coarse rectangle, in no commune of the Eurométropole. */
export const KEHL = { lat: 48.58, lon: 7.83 };

export const POTHOLE = (location = NEUDORF) => ({
  categoryCode: "chaussee-degradee",
  location,
  description: "Un nid-de-poule profond devant la boulangerie.",
  attributes: [{ code: "taille", values: ["moyen"] }],
});

const SUBMITTED_FIELDS = `
  __typename
  ... on Problem { message }
  ... on ReportSubmitted { trackingToken report { id status } similarReports { id } }
  ... on InvalidAttributes { problems { code message } }
  ... on PhotoUnavailable { uploadIds }
`;

export async function startReportsPlatform(
  options: TestPlatformOptions & { personas?: readonly Persona[] } = {},
): Promise<ReportsPlatform> {
  const photoDir = mkdtempSync(join(tmpdir(), "parvis-report-photos-"));
  const platform = await startSignedInPlatform({
    ...options,
    env: {
      REPORTS_PHOTO_DIR: photoDir,
      REPORTS_UPLOAD_SWEEP_SECONDS: "0",
      // The journeys submit more reports per person than a real hour would see.
      RATE_LIMIT_SENSITIVE_PER_HOUR: "10000",
      ...options.env,
    },
  });
  const base = platform.url.replace(/\/graphql$/, "");
  return {
    ...platform,
    base,
    photoDir,
    async submit(input, token, selection = SUBMITTED_FIELDS) {
      const { status, body } = await platform.graphql<{ submitReport: SubmitAnswer["result"] }>(
        `mutation Submit($input: SubmitReportInput!) { submitReport(input: $input) { ${selection} } }`,
        { input },
        token ? { token } : {},
      );
      return {
        status,
        ...(body.errors ? { errors: body.errors } : {}),
        result: body.data?.submitReport ?? ({ __typename: "none" } as SubmitAnswer["result"]),
      };
    },
    async upload(body, token, contentType = "image/jpeg") {
      const response = await fetch(`${base}/uploads/report-photos`, {
        method: "POST",
        headers: { "content-type": contentType, ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: typeof body === "string" ? body : Buffer.from(body),
      });
      return { status: response.status, json: (await response.json()) as UploadAnswer };
    },
    fetchMedia: (url) => fetch(url.replace(/^https?:\/\/[^/]+/, base)),
    async close() {
      await platform.close();
      rmSync(photoDir, { recursive: true, force: true });
    },
  };
}

/** Rows of a reports table (to prove a refusal stored nothing). */
export async function countRows(platform: ReportsPlatform, table: string): Promise<number> {
  const [row] = await platform.db.query<{ count: number }>(
    `SELECT count(*)::int AS count FROM reports.${table}`,
  );
  return row?.count ?? 0;
}
