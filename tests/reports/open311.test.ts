// The Open311 GeoReport v2 endpoint as an unchanged Open311 client uses it: discovery, the service list and
// definitions, posting a request with an API key and reading it back, in XML and in JSON; the filters and limits
// of GET requests; tokens; and every error as the specification describes it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testJpeg } from "../../harness/testImages.ts";
import {
  CATHEDRAL,
  countRows,
  KEHL,
  NEUDORF,
  type ReportsPlatform,
  startReportsPlatform,
} from "./support.ts";

const API_KEY = "dev-only-open311-ems-partner-key-0123456789";

describe("Open311 GeoReport v2", () => {
  let platform: ReportsPlatform;
  let v2: string;
  beforeAll(async () => {
    platform = await startReportsPlatform();
    v2 = `${platform.base}/open311/v2`;
  });
  afterAll(() => platform?.close());

  const get = (path: string) => fetch(`${v2}/${path}`);
  const post = (path: string, form: Record<string, string | string[]>) => {
    const body = new URLSearchParams();
    for (const [key, value] of Object.entries(form)) {
      for (const item of Array.isArray(value) ? value : [value]) body.append(key, item);
    }
    return fetch(`${v2}/${path}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8" },
      body: body.toString(),
    });
  };
  const json = async (response: Response) => {
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    return response.json() as Promise<never>;
  };
  const xml = async (response: Response) => {
    expect(response.headers.get("content-type")).toBe("text/xml; charset=utf-8");
    const text = await response.text();
    expect(text.startsWith('<?xml version="1.0" encoding="utf-8"?>\n')).toBe(true);
    return text;
  };

  it("publishes service discovery", async () => {
    const body = (await json(await get("discovery.json"))) as { endpoints: Record<string, unknown>[] };
    expect(body.endpoints[0]).toMatchObject({
      specification: "http://wiki.open311.org/GeoReport_v2",
      url: "http://localhost:4000/open311/v2",
      formats: ["text/xml", "application/json"],
    });
    expect(await xml(await get("discovery.xml"))).toContain("<format>application/json</format>");
  });

  it("lists services in JSON and XML, readable by web apps of any origin", async () => {
    const response = await fetch(`${v2}/services.json`, { headers: { origin: "https://app.example.org" } });
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    const services = (await json(response)) as Record<string, unknown>[];
    expect(services.map((service) => service.service_code)).toContain("depot-sauvage");
    expect(services.find((service) => service.service_code === "depot-sauvage")).toEqual({
      service_code: "depot-sauvage",
      service_name: "Dépôt sauvage de déchets",
      description: "Déchets, encombrants ou gravats abandonnés sur l'espace public.",
      metadata: true,
      type: "realtime",
      keywords: "déchets, encombrants, ordures, gravats",
      group: "Propreté",
    });
    expect(services.find((service) => service.service_code === "mobilier-urbain")?.metadata).toBe(false);
    const text = await xml(await get("services.xml?jurisdiction_id=strasbourg.eu"));
    expect(text).toContain("<services>\n  <service>\n    <service_code>chaussee-degradee</service_code>");
    expect(text).toContain(
      "<description>Déchets, encombrants ou gravats abandonnés sur l&apos;espace public.</description>",
    );
  });

  it("defines a service's attributes", async () => {
    const definition = (await json(await get("services/depot-sauvage.json"))) as {
      service_code: string;
      attributes: Record<string, unknown>[];
    };
    expect(definition.service_code).toBe("depot-sauvage");
    expect(definition.attributes[0]).toEqual({
      variable: true,
      code: "volume",
      datatype: "singlevaluelist",
      required: true,
      datatype_description: null,
      order: 1,
      description: "Quel est le volume du dépôt ?",
      values: [
        { key: "sac", name: "Quelques sacs" },
        { key: "encombrant", name: "Un ou plusieurs encombrants" },
        { key: "camionnette", name: "Une camionnette ou plus" },
      ],
    });
    expect(definition.attributes.map((attribute) => attribute.datatype)).toEqual([
      "singlevaluelist",
      "multivaluelist",
      "number",
    ]);
    const text = await xml(await get("services/tag-graffiti.xml"));
    expect(text).toContain(
      "<service_definition>\n  <service_code>tag-graffiti</service_code>\n  <attributes>",
    );
    expect(text).toContain("<variable>false</variable>");
  });

  it("creates a request with an API key and reads it back, in JSON", async () => {
    const response = await post("requests.json", {
      api_key: API_KEY,
      jurisdiction_id: "strasbourg.eu",
      service_code: "depot-sauvage",
      lat: String(NEUDORF.lat),
      long: String(NEUDORF.lon),
      address_string: "Rue de Lunéville, Neudorf, Strasbourg",
      email: "habitant@example.org",
      first_name: "Jean",
      last_name: "Dupont",
      phone: "0388000000",
      device_id: "tt222111",
      account_id: "123456",
      description: "Des sacs et un vieux matelas\nau pied de l'arbre.",
      media_url: "https://photos.example.org/depot.jpg",
      "attribute[volume]": "encombrant",
      "attribute[nature][]": ["menagers", "electromenager"],
    });
    expect(response.status).toBe(200);
    const [created] = (await json(response)) as Record<string, unknown>[];
    expect(created).toEqual({
      service_request_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      service_notice: "Le service propreté enlève le dépôt et recherche son auteur quand c'est possible.",
      account_id: null,
    });

    const [read] = (await json(await get(`requests/${created?.service_request_id}.json`))) as Record<
      string,
      unknown
    >[];
    expect(Object.keys(read ?? {})).toEqual([
      "service_request_id",
      "status",
      "status_notes",
      "service_name",
      "service_code",
      "description",
      "agency_responsible",
      "service_notice",
      "requested_datetime",
      "updated_datetime",
      "expected_datetime",
      "address",
      "address_id",
      "zipcode",
      "lat",
      "long",
      "media_url",
    ]);
    expect(read).toMatchObject({
      service_request_id: created?.service_request_id,
      status: "open",
      status_notes: null,
      service_name: "Dépôt sauvage de déchets",
      service_code: "depot-sauvage",
      description: "Des sacs et un vieux matelas\nau pied de l'arbre.",
      agency_responsible: "Service propreté urbaine de l'Eurométropole",
      address: "Rue de Lunéville, Neudorf, Strasbourg",
      lat: NEUDORF.lat,
      long: NEUDORF.lon,
      media_url: "https://photos.example.org/depot.jpg",
    });
    expect(read?.requested_datetime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(read?.expected_datetime).toMatch(/Z$/);
    expect(JSON.stringify(read)).not.toMatch(/Dupont|Jean|habitant@|0388|tt222111|123456/);

    // The partner's contact data is kept for staff, the device and account ids are not kept at all.
    const [contact] = await platform.db.query<Record<string, unknown>>(
      "SELECT first_name, last_name, email, phone FROM reports.report_contact WHERE report_id = $1",
      [created?.service_request_id],
    );
    expect(contact).toEqual({
      first_name: "Jean",
      last_name: "Dupont",
      email: "habitant@example.org",
      phone: "0388000000",
    });
    const [row] = await platform.db.query<{ partner_client_id: string; attributes: unknown }>(
      "SELECT partner_client_id, attributes FROM reports.report WHERE id = $1",
      [created?.service_request_id],
    );
    expect(row).toEqual({
      partner_client_id: "ems-partner",
      attributes: { volume: ["encombrant"], nature: ["menagers", "electromenager"] },
    });
  });

  it("creates a request in XML and reads it back in XML, then by token", async () => {
    const response = await post("requests.xml", {
      api_key: API_KEY,
      service_code: "eclairage-public",
      lat: String(CATHEDRAL.lat),
      long: String(CATHEDRAL.lon),
      description: "Lampadaire <éteint> & dangereux",
      "attribute[type_panne]": "eteint",
    });
    expect(response.status).toBe(200);
    const text = await xml(response);
    const id = /<service_request_id>([0-9a-f-]{36})<\/service_request_id>/.exec(text)?.[1];
    expect(text).toContain("<account_id></account_id>");
    expect(id).toBeDefined();
    const read = await xml(await get(`requests/${id}.xml`));
    expect(read).toContain(
      `<service_requests>\n  <request>\n    <service_request_id>${id}</service_request_id>\n    <status>open</status>`,
    );
    expect(read).toContain("<description>Lampadaire &lt;éteint&gt; &amp; dangereux</description>");
    expect(read).toContain("<address_id></address_id>");

    const [row] = await platform.db.query<{ tracking_token: string }>(
      "SELECT tracking_token FROM reports.report WHERE id = $1",
      [id],
    );
    const token = row?.tracking_token ?? "";
    expect(await json(await get(`tokens/${token}.json`))).toEqual([{ service_request_id: id, token }]);
    expect(await xml(await get(`tokens/${token}.xml`))).toContain(`<token>${token}</token>`);
  });

  it("accepts a photo as a multipart `media` part, stripped like any upload", async () => {
    const form = new FormData();
    form.append("api_key", API_KEY);
    form.append("service_code", "tag-graffiti");
    form.append("lat", String(CATHEDRAL.lat));
    form.append("long", String(CATHEDRAL.lon));
    form.append("attribute[support]", "mobilier");
    const photo = testJpeg({ exif: { make: "Apple", model: "iPhone 15", gps: { lat: 48.58, lon: 7.75 } } });
    form.append("media", new Blob([new Uint8Array(photo)], { type: "image/jpeg" }), "tag.jpg");
    const response = await fetch(`${v2}/requests.json`, { method: "POST", body: form });
    expect(response.status).toBe(200);
    const [created] = (await response.json()) as { service_request_id: string }[];
    const [read] = (await json(await get(`requests/${created?.service_request_id}.json`))) as {
      media_url: string;
    }[];
    expect(read?.media_url).toMatch(/\/media\/report-photos\/[0-9a-f-]{36}\.jpg$/);
    const media = Buffer.from(await (await platform.fetchMedia(read?.media_url ?? "")).arrayBuffer());
    expect(media.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    expect(media.includes(Buffer.from("iPhone"))).toBe(false);
  });

  it("lists requests with the specification's filters", async () => {
    const all = (await json(await get("requests.json"))) as {
      service_request_id: string;
      service_code: string;
      status: string;
    }[];
    expect(all.length).toBeGreaterThanOrEqual(3);
    const lighting = (await json(await get("requests.json?service_code=eclairage-public"))) as {
      service_code: string;
    }[];
    expect(lighting.length).toBeGreaterThan(0);
    expect(lighting.every((request) => request.service_code === "eclairage-public")).toBe(true);
    const both = (await json(
      await get("requests.json?service_code=eclairage-public,depot-sauvage&status=open"),
    )) as unknown[];
    expect(both.length).toBe(2);
    expect(await json(await get("requests.json?status=closed"))).toEqual([]);
    const future = (await json(await get("requests.json?start_date=2030-01-01T00:00:00Z"))) as unknown[];
    expect(future).toEqual([]);
    const today = new Date().toISOString().slice(0, 10);
    const window = (await json(
      await get(`requests.json?start_date=${today}T00:00:00Z&end_date=${today}T23:59:59Z`),
    )) as unknown[];
    expect(window.length).toBe(all.length);
    const [first, second] = all;
    const byIds = (await json(
      await get(
        `requests.json?service_request_id=${first?.service_request_id},${second?.service_request_id}&service_code=none`,
      ),
    )) as { service_request_id: string }[];
    expect(byIds.map((request) => request.service_request_id).sort()).toEqual(
      [first?.service_request_id, second?.service_request_id].sort(),
    );
    expect(await xml(await get("requests.xml?status=open"))).toContain("<service_requests>");
  });

  it.each([
    [
      "requests.json without api_key",
      "POST",
      "requests.json",
      { service_code: "depot-sauvage" },
      403,
      /api_key/,
    ],
    [
      "a wrong api_key",
      "POST",
      "requests.json",
      { api_key: "not-the-key-0000000000", service_code: "x" },
      403,
      /api_key/,
    ],
    [
      "a missing service_code",
      "POST",
      "requests.json",
      { api_key: API_KEY, lat: "48.58", long: "7.75" },
      400,
      /service_code/,
    ],
    [
      "an unknown service_code",
      "POST",
      "requests.json",
      { api_key: API_KEY, service_code: "ovni", lat: "48.58", long: "7.75" },
      404,
      /ovni/,
    ],
    [
      "no location",
      "POST",
      "requests.json",
      { api_key: API_KEY, service_code: "mobilier-urbain" },
      400,
      /lat/,
    ],
    [
      "lat without long",
      "POST",
      "requests.json",
      { api_key: API_KEY, service_code: "mobilier-urbain", lat: "48.58" },
      400,
      /ensemble/,
    ],
    [
      "a lat that is not a number",
      "POST",
      "requests.json",
      { api_key: API_KEY, service_code: "mobilier-urbain", lat: "quarante-huit", long: "7.75" },
      400,
      /décimaux/,
    ],
    [
      "a point in Paris",
      "POST",
      "requests.json",
      { api_key: API_KEY, service_code: "mobilier-urbain", lat: "48.8566", long: "2.3522" },
      400,
      /territoire/,
    ],
    [
      "a missing required attribute",
      "POST",
      "requests.json",
      { api_key: API_KEY, service_code: "depot-sauvage", lat: "48.58", long: "7.75" },
      400,
      /attribute\[volume\]/,
    ],
    [
      "an unknown attribute value",
      "POST",
      "requests.json",
      {
        api_key: API_KEY,
        service_code: "depot-sauvage",
        lat: "48.58",
        long: "7.75",
        "attribute[volume]": "piscine",
      },
      400,
      /piscine/,
    ],
    [
      "a description of 4,001 characters",
      "POST",
      "requests.json",
      {
        api_key: API_KEY,
        service_code: "mobilier-urbain",
        lat: "48.58",
        long: "7.75",
        description: "a".repeat(4001),
      },
      400,
      /4000 caractères/,
    ],
    [
      "a media_url that is no URL",
      "POST",
      "requests.json",
      {
        api_key: API_KEY,
        service_code: "mobilier-urbain",
        lat: "48.58",
        long: "7.75",
        media_url: "javascript:alert(1)",
      },
      400,
      /média/,
    ],
    [
      "another jurisdiction",
      "POST",
      "requests.json",
      {
        api_key: API_KEY,
        jurisdiction_id: "sfgov.org",
        service_code: "mobilier-urbain",
        lat: "48.58",
        long: "7.75",
      },
      404,
      /sfgov/,
    ],
  ] as const)("refuses %s", async (_label, _method, path, form, status, message) => {
    const before = await countRows(platform, "report");
    const response = await post(path, form as Record<string, string>);
    expect(response.status).toBe(status);
    const errors = (await json(response)) as { code: number; description: string }[];
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]?.code).toBe(status);
    expect(errors.map((error) => error.description).join(" ")).toMatch(message);
    expect(await countRows(platform, "report")).toBe(before);
  });

  it.each([
    ["an unknown service", "services/ovni.json", 404],
    ["an unknown request", "requests/01900000-0000-7000-8000-000000000000.json", 404],
    ["a request id that is no id", "requests/42.json", 404],
    ["an unknown token", "tokens/AAAAAAAAAAAAAAAAAAAAAAAA.json", 404],
    ["another jurisdiction", "services.json?jurisdiction_id=sfgov.org", 404],
    ["a date that is not W3C", "requests.json?start_date=yesterday", 400],
    [
      "a range beyond 90 days",
      "requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z",
      400,
    ],
    ["an unknown status", "requests.json?status=pending", 400],
    ["an unknown resource", "nothing.json", 404],
  ] as const)("answers %s with an error in the requested format", async (_label, path, status) => {
    const response = await get(path);
    expect(response.status).toBe(status);
    const errors = (await json(response)) as { code: number; description: string }[];
    expect(errors[0]).toEqual({ code: status, description: expect.any(String) });
    const asXml = await get(path.replace(".json", ".xml"));
    expect(asXml.status).toBe(status);
    expect(await xml(asXml)).toMatch(
      new RegExp(`<errors>\\n  <error>\\n    <code>${status}</code>\\n    <description>`),
    );
  });

  it("answers an unsupported format with a 400 in XML, the required format", async () => {
    const response = await get("services.html");
    expect(response.status).toBe(400);
    expect(await xml(response)).toContain("<code>400</code>");
  });

  it("refuses a body that is neither a form nor multipart", async () => {
    const response = await fetch(`${v2}/requests.json`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ service_code: "mobilier-urbain", lat: KEHL.lat, long: KEHL.lon }),
    });
    expect(response.status).toBe(400);
    expect(((await json(response)) as { description: string }[])[0]?.description).toMatch(
      /x-www-form-urlencoded/,
    );
  });
});
