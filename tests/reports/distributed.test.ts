// The same routes when the gateway reaches the reports subgraph over HTTP (distributed mode): the photo upload,
// the Open311 endpoint and the photo files go through the signed remote data source exactly as in-process.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testJpeg } from "../../harness/testImages.ts";
import { CATHEDRAL, type ReportsPlatform, startReportsPlatform } from "./support.ts";

describe("reports routes with subgraphs over HTTP", () => {
  let platform: ReportsPlatform;
  beforeAll(async () => {
    platform = await startReportsPlatform({ mode: "http" });
  });
  afterAll(() => platform?.close());

  it("uploads a photo, submits through Open311 and GraphQL, and serves the photo", async () => {
    const resident = await platform.token("resident");
    const upload = await platform.upload(testJpeg({ exif: { make: "Canon", gps: CATHEDRAL } }), resident);
    expect(upload.status).toBe(201);
    const { result } = await platform.submit(
      {
        categoryCode: "tag-graffiti",
        location: CATHEDRAL,
        description: "Tag sur le banc",
        attributes: [{ code: "support", values: ["mobilier"] }],
        photoUploadIds: [upload.json.uploadId],
      },
      resident,
    );
    expect(result.__typename).toBe("ReportSubmitted");
    const id = (result.report as { id: string }).id;

    const form = new URLSearchParams({
      api_key: "dev-only-open311-ems-partner-key-0123456789",
      service_code: "mobilier-urbain",
      lat: String(CATHEDRAL.lat),
      long: String(CATHEDRAL.lon),
      description: "Banc descellé",
    });
    const posted = await fetch(`${platform.base}/open311/v2/requests.json`, { method: "POST", body: form });
    expect(posted.status).toBe(200);

    const read = await fetch(`${platform.base}/open311/v2/requests/${id}.json`);
    const [request] = (await read.json()) as { media_url: string; service_code: string }[];
    expect(request?.service_code).toBe("tag-graffiti");
    const media = await platform.fetchMedia(request?.media_url ?? "");
    expect(media.status).toBe(200);
    expect(Buffer.from(await media.arrayBuffer()).includes(Buffer.from("Canon"))).toBe(false);
  });
});
