// The Open311 endpoint driven the way FixMyStreet's own client drives it (mySociety's perllib/Open311.pm and the
// code that calls it, see /work/shared/reference/open311-fixmystreet-extensions.md): form-encoded and multipart
// bodies with a mixed-case boundary (the Perl HTTP library's `xYzZY`), photos as `photo1`, `photo2`… parts,
// repeated `media_url`, `attribute[code]` and repeated `attribute[code][]`, `jurisdiction_id`, `api_key` in the body,
// one status request for a few hundred ids, and servicerequestupdates both ways — in XML and JSON.
import { readdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testJpeg, testPng } from "../../harness/testImages.ts";
import { newId } from "../../platform/ids.ts";
import { type BanSimulator, startBanSimulator } from "../../simulators/ban/index.ts";
import { CATHEDRAL, countRows, NEUDORF, type ReportsPlatform, startReportsPlatform } from "./support.ts";

const API_KEY = "dev-only-open311-ems-partner-key-0123456789";
const JURISDICTION = "strasbourg.eu";
/** HTTP::Request::Common's boundary style: mixed case, as RFC 2046 allows and FixMyStreet sends. */
const BOUNDARY = "xYzZY7Gq3aKpLm";

type Part = { name: string; value: string } | { name: string; file: string; type: string; bytes: Buffer };

/** A multipart/form-data body written as FixMyStreet's HTTP library writes it (CRLF, quoted names). */
function multipart(parts: Part[], boundary = BOUNDARY): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    if ("file" in part) {
      chunks.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"; filename="${part.file}"\r\n` +
            `Content-Type: ${part.type}\r\n\r\n`,
        ),
        part.bytes,
        Buffer.from("\r\n"),
      );
    } else {
      chunks.push(
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"\r\n\r\n`),
        Buffer.from(part.value, "utf8"),
        Buffer.from("\r\n"),
      );
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

const fields = (form: Record<string, string | string[]>): Part[] =>
  Object.entries(form).flatMap(([name, value]) =>
    (Array.isArray(value) ? value : [value]).map((item) => ({ name, value: item })),
  );

function formBody(form: Record<string, string | string[]>): string {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(form)) {
    for (const item of Array.isArray(value) ? value : [value]) body.append(key, item);
  }
  return body.toString();
}

describe("Open311 as FixMyStreet speaks it", () => {
  let platform: ReportsPlatform;
  let ban: BanSimulator;
  let v2: string;
  beforeAll(async () => {
    ban = await startBanSimulator();
    platform = await startReportsPlatform({
      env: { REPORTS_GEOCODER_URL: ban.url, REPORTS_GEOCODER_TIMEOUT_MS: "300" },
    });
    v2 = `${platform.base}/open311/v2`;
  });
  afterAll(async () => {
    await platform?.close();
    await ban?.close();
  });

  const postForm = (path: string, form: Record<string, string | string[]>) =>
    fetch(`${v2}/${path}`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: formBody(form),
    });
  const postMultipart = (path: string, parts: Part[], boundary = BOUNDARY) =>
    fetch(`${v2}/${path}`, {
      method: "POST",
      headers: { "Content-Type": `multipart/form-data; boundary=${boundary}` },
      body: new Uint8Array(multipart(parts, boundary)),
    });
  const readJson = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${v2}/${path}`);
    expect(response.status).toBe(200);
    return (await response.json()) as T;
  };
  const readXml = async (path: string) => {
    const response = await fetch(`${v2}/${path}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/xml; charset=utf-8");
    return response.text();
  };
  const idIn = (xml: string) => /<service_request_id>([^<]+)<\/service_request_id>/.exec(xml)?.[1] ?? "";

  const dumping = {
    jurisdiction_id: JURISDICTION,
    api_key: API_KEY,
    service_code: "depot-sauvage",
    lat: String(NEUDORF.lat),
    long: String(NEUDORF.lon),
    "attribute[volume]": "sac",
    "attribute[nature][]": ["gravats", "pneus"],
    description: "Sacs éventrés\r\nau pied de l'arbre\r\n\r\nVoir https://fixmystreet.example/report/12",
    email: "camille@example.org",
    first_name: "Camille",
    last_name: "Martin",
  };

  it("posts a form-encoded request with repeated media_url and CRLF newlines, answered in XML", async () => {
    const response = await postForm("requests.xml", {
      ...dumping,
      media_url: [
        "https://fixmystreet.example/photo/12.0.full.jpeg",
        "https://fixmystreet.example/photo/12.1.full.jpeg",
      ],
    });
    expect(response.status).toBe(200);
    const id = idIn(await response.text());
    const [read] = await readJson<Record<string, unknown>[]>(
      `requests/${id}.json?jurisdiction_id=${JURISDICTION}`,
    );
    expect(read).toMatchObject({
      service_code: "depot-sauvage",
      description: "Sacs éventrés\nau pied de l'arbre\n\nVoir https://fixmystreet.example/report/12",
      media_url: "https://fixmystreet.example/photo/12.0.full.jpeg",
    });
    const [row] = await platform.db.query<{ external_media_urls: string[]; attributes: unknown }>(
      "SELECT external_media_urls, attributes FROM reports.report WHERE id = $1",
      [id],
    );
    expect(row?.external_media_urls).toEqual([
      "https://fixmystreet.example/photo/12.0.full.jpeg",
      "https://fixmystreet.example/photo/12.1.full.jpeg",
    ]);
    expect(row?.attributes).toEqual({ volume: ["sac"], nature: ["gravats", "pneus"] });
  });

  it("posts multipart with a mixed-case boundary and photo1, photo2 parts: every photo is stored", async () => {
    const before = await countRows(platform, "report_photo");
    const jpeg = testJpeg({ exif: { make: "Apple", model: "iPhone 15", gps: { lat: 48.58, lon: 7.75 } } });
    const response = await postMultipart("requests.json", [
      ...fields(dumping),
      { name: "photo1", file: "12.0.full.jpeg", type: "image/jpeg", bytes: jpeg },
      { name: "photo2", file: "12.1.full.png", type: "image/png", bytes: testPng() },
    ]);
    expect(response.status).toBe(200);
    const [created] = (await response.json()) as { service_request_id: string }[];
    const photos = await platform.db.query<{ position: number; media_type: string }>(
      "SELECT position, media_type FROM reports.report_photo WHERE report_id = $1 ORDER BY position",
      [created?.service_request_id],
    );
    expect(photos.map((photo) => photo.media_type)).toEqual(["image/jpeg", "image/png"]);
    expect(await countRows(platform, "report_photo")).toBe(before + 2);
    const [read] = await readJson<{ media_url: string }[]>(`requests/${created?.service_request_id}.json`);
    const served = Buffer.from(await (await platform.fetchMedia(read?.media_url ?? "")).arrayBuffer());
    expect(served.includes(Buffer.from("iPhone"))).toBe(false);
  });

  it("refuses, never drops: too many photos, a photo it cannot store, an unknown file part", async () => {
    const before = await countRows(platform, "report");
    const photo = (name: string, bytes = testJpeg()) => ({
      name,
      file: `${name}.jpeg`,
      type: "image/jpeg",
      bytes,
    });
    const cases: [Part[], RegExp][] = [
      [[...fields(dumping), ...[1, 2, 3, 4, 5, 6].map((n) => photo(`photo${n}`))], /5 photos au plus/],
      [[...fields(dumping), photo("photo1"), photo("photo2", Buffer.from("not an image"))], /photo2/],
      [[...fields(dumping), photo("document")], /document/],
    ];
    for (const [parts, message] of cases) {
      const response = await postMultipart("requests.xml", parts);
      expect(response.status).toBe(400);
      expect(await response.text()).toMatch(message);
    }
    expect(await countRows(platform, "report")).toBe(before);

    // Photos stored, then the request refused: they go with it, records and files, not at the sweep.
    const files = () =>
      readdirSync(platform.photoDir, { recursive: true, withFileTypes: true }).filter((entry) =>
        entry.isFile(),
      ).length;
    const [photosBefore, filesBefore] = [await countRows(platform, "report_photo"), files()];
    const refused = [
      postMultipart("requests.xml", [...fields({ ...dumping, service_code: "inconnu" }), photo("photo1")]),
      postMultipart("servicerequestupdates.xml", [
        ...fields({ api_key: API_KEY, service_request_id: newId(), update_id: "u-gone", description: "x" }),
        photo("photo1"),
      ]),
    ];
    expect(await Promise.all(refused.map(async (response) => (await response).status))).toEqual([404, 404]);
    expect([await countRows(platform, "report_photo"), files()]).toEqual([photosBefore, filesBefore]);
  });

  it("refuses a multipart body cut short with 400, without an api_key, and goes on answering", async () => {
    const unclosed = Buffer.from(
      '--b\r\nContent-Disposition: form-data; name="photo1"; filename="a.png"\r\nContent-Type: image/png\r\n\r\nabc',
    );
    const whole = multipart([
      ...fields(dumping),
      { name: "photo1", file: "12.0.full.jpeg", type: "image/jpeg", bytes: testJpeg() },
    ]);
    const bodies: [Buffer, string][] = [
      [unclosed, "b"],
      [whole.subarray(0, whole.length - 30), BOUNDARY],
    ];
    for (const path of ["servicerequestupdates.xml", "requests.xml", "requests.json"]) {
      for (const [body, boundary] of bodies) {
        const response = await fetch(`${v2}/${path}`, {
          method: "POST",
          headers: { "Content-Type": `multipart/form-data; boundary=${boundary}` },
          body: new Uint8Array(body),
        });
        expect(response.status).toBe(400);
        expect(await response.text()).toContain("Corps multipart mal formé.");
      }
    }
    expect((await fetch(`${v2}/services.xml`)).status).toBe(200);
  });

  it("refuses text that is not UTF-8 and a photo part without filename; reads upper-case ids", async () => {
    const before = await countRows(platform, "report");
    for (const description of ["caf%E9", "%ED%A0%80"]) {
      const response = await fetch(`${v2}/requests.json`, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: `${formBody({ ...dumping, description: "x" }).replace("description=x", `description=${description}`)}`,
      });
      expect(response.status).toBe(400);
      expect(await response.text()).toMatch(/UTF-8/);
    }
    const noName = await postMultipart("requests.xml", [
      ...fields(dumping),
      { name: "photo1", value: "abc" },
    ]);
    expect(noName.status).toBe(400);
    expect(await noName.text()).toMatch(/photo1 : partie photo sans nom de fichier/);
    expect(await countRows(platform, "report")).toBe(before);
    // UUIDs are case-insensitive: an id written in capitals is the same request.
    const id = idIn(await (await postForm("requests.xml", dumping)).text());
    expect(await readXml(`requests/${id.toUpperCase()}.xml`)).toContain(id);
    expect(await readXml(`requests.xml?service_request_id=${id.toUpperCase()}`)).toContain(id);
  });

  it("takes api_key from the body only: in the URL of a POST it is refused", async () => {
    const { api_key: _key, ...rest } = dumping;
    const response = await fetch(`${v2}/requests.json?api_key=${API_KEY}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: formBody(rest),
    });
    expect(response.status).toBe(400);
    const [error] = (await response.json()) as { code: number; description: string }[];
    expect(error).toEqual({ code: 400, description: expect.stringMatching(/api_key.*corps/) });
  });

  it("answers a POST to services.xml with 405 and Allow, and treats ids that are not ours alike", async () => {
    const response = await fetch(`${v2}/services.xml`, { method: "POST", body: "" });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET");
    expect(await response.text()).toContain("<code>405</code>");
    expect((await fetch(`${v2}/services.xml`, { method: "HEAD" })).status).toBe(200);
    const put = await fetch(`${v2}/requests.json`, { method: "PUT", body: "" });
    expect([put.status, put.headers.get("allow")]).toEqual([405, "GET, POST"]);
    // The specification's examples use numbers: such an id exists nowhere, whichever way it is asked.
    expect((await fetch(`${v2}/requests/248.xml`)).status).toBe(404);
    expect(await readXml("requests.xml?service_request_id=248")).toContain(
      "<service_requests></service_requests>",
    );
  });

  it("reads requests back in XML with the fields FixMyStreet imports", async () => {
    const response = await postForm("requests.xml", {
      ...dumping,
      lat: String(CATHEDRAL.lat),
      long: String(CATHEDRAL.lon),
    });
    const id = idIn(await response.text());
    const xml = await readXml(`requests/${id}.xml`);
    for (const field of ["status", "service_code", "description", "requested_datetime", "lat", "long"]) {
      expect(xml).toContain(`<${field}>`);
    }
  });

  it("answers a status follow-up for 250 open requests in one call, in XML and JSON", async () => {
    const response = await postForm("requests.xml", dumping);
    const template = idIn(await response.text());
    // 249 more reports like the first, written at once (the endpoint is under test here, not submission).
    const ids = Array.from({ length: 249 }, () => newId());
    await platform.db.query(
      `INSERT INTO reports.report (id, category_id, status, description, address, lat, lon, commune_id,
         commune_insee_code, quartier_id, service_code, needs_routing, attributes, partner_client_id,
         tracking_token, external_media_urls, created_at, updated_at)
       SELECT u.id, r.category_id, r.status, r.description, r.address, r.lat, r.lon, r.commune_id,
         r.commune_insee_code, r.quartier_id, r.service_code, r.needs_routing, r.attributes, r.partner_client_id,
         replace(u.id::text, '-', ''), r.external_media_urls, r.created_at, r.updated_at
       FROM reports.report r, unnest($1::uuid[]) AS u(id) WHERE r.id = $2`,
      [ids, template],
    );
    const all = [template, ...ids];
    const query = `jurisdiction_id=${JURISDICTION}&service_request_id=${all.join(",")}`;
    const xml = await readXml(`requests.xml?${query}`);
    expect(xml.match(/<request>/g)?.length).toBe(250);
    const json = await readJson<{ service_request_id: string; status: string }[]>(`requests.json?${query}`);
    expect(new Set(json.map((request) => request.service_request_id))).toEqual(new Set(all));
    expect(json.every((request) => request.status === "open")).toBe(true);
    // Thousands fit (bounded by the size of the URL, not by a count): 3,000 ids, most of them unknown here.
    const many = [...all, ...Array.from({ length: 2750 }, () => newId())];
    const big = await readJson<unknown[]>(`requests.json?service_request_id=${many.join(",")}`);
    expect(big.length).toBe(250);
  });

  it("serves servicerequestupdates both ways: staff updates to read, residents' updates to post", async () => {
    const start = new Date(Date.now() - 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
    const id = idIn(await (await postForm("requests.xml", dumping)).text());
    const admin = await platform.token("admin");
    const change = (input: Record<string, unknown>) =>
      platform.graphql(
        "mutation($input: ChangeReportStatusInput!) { changeReportStatus(input: $input) { __typename } }",
        { input: { reportId: id, ...input } },
        { token: admin },
      );
    await change({ status: "ACKNOWLEDGED", note: "Pris en charge.", internalNote: "Équipe B, lundi." });
    await change({ status: "RESOLVED", note: "Enlevé ce matin." });

    // A resident's update, as FixMyStreet posts it (its own update_id; the status the resident chose).
    const update = {
      jurisdiction_id: JURISDICTION,
      api_key: API_KEY,
      service_request_id: id,
      update_id: "fms-comment-4521",
      updated_datetime: new Date().toISOString().replace(/\.\d{3}Z$/, "+00:00"),
      status: "OPEN",
      description: "Toujours des gravats\r\nderrière le banc.",
      media_url: ["https://fixmystreet.example/c/4521.0.jpeg", "https://fixmystreet.example/c/4521.1.jpeg"],
      first_name: "Camille",
      last_name: "Martin",
      email: "camille@example.org",
    };
    const posted = await postForm("servicerequestupdates.xml", update);
    expect(posted.status).toBe(200);
    const answer = await posted.text();
    expect(answer).toMatch(
      /<service_request_updates>\n {2}<request_update>\n {4}<update_id>[0-9a-f-]{36}<\/update_id>/,
    );
    const updateId = /<update_id>([^<]+)</.exec(answer)?.[1];
    // Sent again (FixMyStreet retries): the same update_id comes back and nothing is stored twice.
    const again = await postMultipart("servicerequestupdates.json", fields(update));
    expect(await again.json()).toEqual([{ update_id: updateId }]);
    const lines = await platform.db.query<{ public_note: string; actor_kind: string }>(
      "SELECT public_note, actor_kind FROM reports.report_history_entry WHERE report_id = $1 AND kind = 'commented' AND partner_update_id = 'fms-comment-4521'",
      [id],
    );
    expect(lines).toEqual([
      {
        actor_kind: "partner",
        public_note:
          "Toujours des gravats\nderrière le banc.\nPhoto : https://fixmystreet.example/c/4521.0.jpeg\n" +
          "Photo : https://fixmystreet.example/c/4521.1.jpeg\n\nL'habitant·e indique que le problème persiste.",
      },
    ]);

    // An update with a photo part: the photo joins the report's own.
    const withPhoto = await postMultipart("servicerequestupdates.xml", [
      ...fields({ ...update, update_id: "fms-comment-4522", media_url: [] }),
      { name: "photo1", file: "4522.0.full.jpeg", type: "image/jpeg", bytes: testJpeg() },
    ]);
    expect(withPhoto.status).toBe(200);
    const photos = await platform.db.query<{ position: number }>(
      "SELECT position FROM reports.report_photo WHERE report_id = $1",
      [id],
    );
    expect(photos.map((photo) => photo.position)).toEqual([0]);

    // Staff updates only, public lines only: the resident's update and the internal note are not there.
    const end = new Date(Date.now() + 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
    const range = `start_date=${start}&end_date=${end}&api_key=${API_KEY}&jurisdiction_id=${JURISDICTION}`;
    const staff = (await readJson<Record<string, unknown>[]>(`servicerequestupdates.json?${range}`)).filter(
      (line) => line.service_request_id === id,
    );
    expect(staff).toEqual([
      {
        update_id: expect.any(String),
        service_request_id: id,
        status: "INVESTIGATING",
        updated_datetime: expect.stringMatching(/Z$/),
        description: "Pris en charge.",
        media_url: null,
        external_status_code: "ACKNOWLEDGED",
      },
      expect.objectContaining({
        status: "FIXED",
        description: "Enlevé ce matin.",
        external_status_code: "RESOLVED",
      }),
    ]);
    const xml = await readXml(`servicerequestupdates.xml?${range}`);
    expect(xml).toContain("<service_request_updates>\n  <request_update>\n    <update_id>");
    expect(xml).not.toContain("Équipe B");
    expect(xml).not.toContain("gravats");

    // Same keys, limits and errors as the rest of the endpoint.
    const refusals: [Promise<Response>, number, RegExp][] = [
      [
        postForm("servicerequestupdates.json", { ...update, api_key: "wrong-key-0000000000" }),
        403,
        /api_key/,
      ],
      [postForm("servicerequestupdates.json", { ...update, service_request_id: "248" }), 404, /248/],
      [postForm("servicerequestupdates.json", { ...update, description: "" }), 400, /description/],
      [postForm("servicerequestupdates.json", { ...update, status: "PENDING" }), 400, /status/],
      // media_url is checked as on requests: http(s) only, as many as photos.
      [
        postForm("servicerequestupdates.json", {
          ...update,
          update_id: "u-js",
          media_url: "javascript:alert(1)",
        }),
        400,
        /http ou https/,
      ],
      [
        postForm("servicerequestupdates.json", {
          ...update,
          update_id: "u-10",
          media_url: Array.from({ length: 10 }, (_, n) => `https://fixmystreet.example/c/${n}.jpeg`),
        }),
        400,
        /5 adresses de média au plus/,
      ],
      [
        postForm("servicerequestupdates.json", {
          ...update,
          update_id: "u-long",
          description: "a".repeat(4001),
        }),
        400,
        /4000 caractères/,
      ],
      [fetch(`${v2}/servicerequestupdates.json?start_date=${start}`), 400, /ensemble|ensemble|deux/],
      // Reads need no key, but one given must be right.
      [
        fetch(`${v2}/servicerequestupdates.json?${range.replace(API_KEY, "wrong-key-0000000000")}`),
        403,
        /api_key/,
      ],
      [
        fetch(
          `${v2}/servicerequestupdates.json?start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z`,
        ),
        400,
        /90 jours/,
      ],
    ];
    for (const [pending, status, message] of refusals) {
      const response = await pending;
      expect(response.status).toBe(status);
      expect(JSON.stringify(await response.json())).toMatch(message);
    }
    // The description is judged as sent: links and the resident's sentence come after, outside its limit.
    const long = await postForm("servicerequestupdates.json", {
      ...update,
      update_id: "u-3970",
      status: "REOPEN",
      description: "a".repeat(3970),
      media_url: "https://fixmystreet.example/c/3970.jpeg",
    });
    expect(long.status).toBe(200);
    const [stored] = await platform.db.query<{ public_note: string }>(
      "SELECT public_note FROM reports.report_history_entry WHERE partner_update_id = 'u-3970'",
    );
    expect(stored?.public_note).toBe(
      `${"a".repeat(3970)}\nPhoto : https://fixmystreet.example/c/3970.jpeg\n\n` +
        "L'habitant·e indique que le problème persiste.",
    );
  });

  it("locates a request given by address_string through the national address base, refusing what it cannot place", async () => {
    const { lat: _lat, long: _long, ...withoutPoint } = dumping;
    const response = await postForm("requests.json", {
      ...withoutPoint,
      address_string: "13 Grand'Rue, 67000 Strasbourg",
    });
    expect(response.status).toBe(200);
    const [created] = (await response.json()) as { service_request_id: string }[];
    const [read] = await readJson<{ lat: number; long: number; address: string }[]>(
      `requests/${created?.service_request_id}.json`,
    );
    expect(read).toMatchObject({ address: "13 Grand'Rue, 67000 Strasbourg" });
    expect(read?.lat).toBeCloseTo(48.5806, 3);
    expect(read?.long).toBeCloseTo(7.7459, 3);

    const before = await countRows(platform, "report");
    const refusals: [string, number, RegExp][] = [
      ["13 Grand'Rue", 400, /ambiguë.*Colmar/],
      ["10 rue de Rivoli, 75001 Paris", 400, /hors du territoire/],
      ["42 allée des Licornes", 400, /introuvable/],
    ];
    for (const [address, status, message] of refusals) {
      const refused = await postForm("requests.xml", { ...withoutPoint, address_string: address });
      expect(refused.status).toBe(status);
      expect(await refused.text()).toMatch(message);
    }
    // The address base down: a retryable refusal, in Open311's error format, and nothing stored.
    ban.setFaults({ down: true });
    try {
      const down = await postForm("requests.json", {
        ...withoutPoint,
        address_string: "1 Place Kléber Strasbourg",
      });
      expect(down.status).toBe(503);
      expect((await down.json()) as unknown).toEqual([
        { code: 503, description: expect.stringMatching(/réessayez/) },
      ]);
    } finally {
      ban.setFaults({ down: false });
    }
    expect(await countRows(platform, "report")).toBe(before);
  });

  it("geocodes GraphQL submitReport given an address without a location, the same way", async () => {
    const input = {
      categoryCode: "chaussee-degradee",
      address: "21 route de Bischwiller, 67300 Schiltigheim",
      description: "Nid-de-poule devant le 21.",
      attributes: [{ code: "taille", values: ["moyen"] }],
    };
    const resident = await platform.token("resident");
    const located = await platform.submit(
      input,
      resident,
      "__typename ... on ReportSubmitted { report { location { lat lon } commune { id } } } ... on Problem { message }",
    );
    expect(located.result).toMatchObject({ __typename: "ReportSubmitted" });
    const ambiguous = await platform.submit(
      { ...input, address: "4 rue de l'Église" },
      resident,
      "__typename ... on AddressNotLocated { message candidates }",
    );
    expect(ambiguous.result).toMatchObject({
      __typename: "AddressNotLocated",
      candidates: expect.arrayContaining(["4 Rue de l'Église 67205 Oberhausbergen"]),
    });
    const neither = await platform.submit({ ...input, address: null }, resident);
    expect(neither.errors?.[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      argument: "input.location",
    });
  });
});
