// The declared inputs of the Open311 operations and the multipart reader, without a server: what FixMyStreet sends
// parses, what is malformed is a 400 naming the parameter.
import { describe, expect, it } from "vitest";
import { paramsFromForm, parseMultipart } from "./body.ts";
import { Open311Error } from "./format.ts";
import { fieldsOf, parseInput } from "./operation.ts";
import { postServiceRequest } from "./operations/postServiceRequest.ts";
import { getServiceRequests, rangeOf } from "./operations/serviceRequests.ts";

const ID = "01900000-0000-7000-8000-000000000001";
const fields = (text: string) => fieldsOf(paramsFromForm(text));
const errorOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error instanceof Open311Error ? { status: error.status, message: error.message } : error;
  }
  return undefined;
};

const LIMITS = { fileBytes: 1000, files: 2, fields: 20, fieldBytes: 200 };

function multipart(boundary: string, parts: { name: string; value: string | Buffer; file?: string }[]) {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = part.file
      ? `form-data; name="${part.name}"; filename="${part.file}"\r\nContent-Type: image/jpeg`
      : `form-data; name="${part.name}"`;
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n\r\n`));
    chunks.push(Buffer.isBuffer(part.value) ? part.value : Buffer.from(part.value));
    chunks.push(Buffer.from("\r\n"));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

describe("Open311 operation inputs", () => {
  it("reads a FixMyStreet post: attribute[code], attribute[code][], repeated media_url", () => {
    const input = parseInput(
      postServiceRequest.input,
      fields(
        "service_code=depot-sauvage&lat=48.5734&long=7.7521&attribute[volume]=sac&attribute[nature][]=gravats" +
          "&attribute[nature][]=pneus&attribute=x&media_url=https://a.example/1.jpg&media_url=https://a.example/2.jpg",
      ),
    );
    expect(input.attributes).toEqual([
      { code: "volume", values: ["sac"] },
      { code: "nature", values: ["gravats", "pneus"] },
    ]);
    expect(input.mediaUrls).toEqual(["https://a.example/1.jpg", "https://a.example/2.jpg"]);
    expect(input.location).toEqual({ lat: 48.5734, lon: 7.7521 });
  });

  it("wants lat and long together, as decimal numbers, or an address", () => {
    const post = (text: string) => () =>
      parseInput(postServiceRequest.input, fields(`service_code=x&${text}`));
    expect(errorOf(post("lat=48.5"))).toMatchObject({ status: 400, message: /ensemble/ });
    expect(errorOf(post("lat=1e3&long=7.7"))).toMatchObject({ status: 400, message: /décimaux/ });
    expect(errorOf(post(""))).toMatchObject({ status: 400, message: /Localisation/ });
    expect(parseInput(postServiceRequest.input, fields("service_code=x&address_string=1 rue"))).toMatchObject(
      {
        location: null,
        address: "1 rue",
      },
    );
    expect(errorOf(() => parseInput(postServiceRequest.input, fields("lat=1&long=2")))).toMatchObject({
      message: /service_code/,
    });
  });

  it("takes ids that are not ours as matching nothing, and checks statuses and the date range", () => {
    expect(parseInput(getServiceRequests.input, fields(`service_request_id=${ID},248,${ID}`))).toMatchObject({
      service_request_id: [ID],
    });
    expect(parseInput(getServiceRequests.input, fields("service_request_id=248"))).toMatchObject({
      service_request_id: [],
    });
    expect(parseInput(getServiceRequests.input, fields("status=open"))).toMatchObject({
      service_request_id: null,
      status: ["open"],
    });
    expect(errorOf(() => parseInput(getServiceRequests.input, fields("status=pending")))).toMatchObject({
      status: 400,
    });
    expect(
      errorOf(() =>
        parseInput(
          getServiceRequests.input,
          fields("start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z"),
        ),
      ),
    ).toMatchObject({ message: /90 jours/ });
    expect(errorOf(() => parseInput(getServiceRequests.input, fields("start_date=hier")))).toMatchObject({
      message: /W3C/,
    });
    const now = new Date("2026-11-28T12:00:00Z");
    expect(rangeOf(null, null, now)).toEqual({ since: new Date("2026-08-30T12:00:00Z"), until: now });
  });
});

describe("form text", () => {
  it("decodes percent-encoded UTF-8 and + as space, and refuses bytes that are not UTF-8", () => {
    expect(paramsFromForm("a=caf%C3%A9+cr%C3%A8me&a=100%&b&c=x%2By")).toEqual(
      new Map([
        ["a", ["café crème", "100%"]],
        ["b", [""]],
        ["c", ["x+y"]],
      ]),
    );
    for (const text of ["description=caf%E9", "description=%ED%A0%80", "d%FF=x"]) {
      expect(errorOf(() => paramsFromForm(text))).toMatchObject({ status: 400, message: /UTF-8/ });
    }
  });
});

describe("multipart bodies", () => {
  const headers = (boundary: string) => ({ "content-type": `multipart/form-data; boundary=${boundary}` });

  it("reads a mixed-case boundary (RFC 2046: boundaries are case-sensitive) and photoN parts", async () => {
    const boundary = "xYzZY";
    const body = multipart(boundary, [
      { name: "service_code", value: "depot-sauvage" },
      { name: "description", value: "Ligne 1\r\nLigne 2 — é" },
      { name: "photo1", value: Buffer.from([1, 2, 3]), file: "12.1.full.jpeg" },
      { name: "photo2", value: Buffer.from([4, 5]), file: "12.2.full.jpeg" },
    ]);
    const { params, files } = await parseMultipart(body, headers(boundary), LIMITS);
    expect(params.get("description")).toEqual(["Ligne 1\r\nLigne 2 — é"]);
    expect(files.map((file) => [file.field, file.fileName, file.bytes.length])).toEqual([
      ["photo1", "12.1.full.jpeg", 3],
      ["photo2", "12.2.full.jpeg", 2],
    ]);
    // The same body announced with the boundary in another case is not the same body.
    await expect(parseMultipart(body, headers("xyzzy"), LIMITS)).rejects.toMatchObject({ status: 400 });
  });

  it("refuses what it cannot keep: too many photos, a photo too large, an unknown file part", async () => {
    const file = (name: string, size = 10) => ({ name, value: Buffer.alloc(size, 1), file: "p.jpg" });
    await expect(
      parseMultipart(multipart("B", [file("photo1"), file("photo2"), file("photo3")]), headers("B"), LIMITS),
    ).rejects.toMatchObject({ status: 400, message: /2 photos au plus/ });
    await expect(
      parseMultipart(multipart("B", [file("photo1", 2000)]), headers("B"), LIMITS),
    ).rejects.toMatchObject({ status: 400, message: /photo1 : photo trop volumineuse/ });
    await expect(
      parseMultipart(multipart("B", [file("avatar")]), headers("B"), LIMITS),
    ).rejects.toMatchObject({
      status: 400,
      message: /avatar inconnue/,
    });
    await expect(
      parseMultipart(Buffer.from("garbage"), { "content-type": "multipart/form-data" }, LIMITS),
    ).rejects.toMatchObject({ status: 400 });
  });

  it("refuses a photo part without a filename, naming it, and text that is not UTF-8", async () => {
    const raw = (disposition: string, value: Buffer) =>
      Buffer.concat([
        Buffer.from(
          `--B\r\nContent-Disposition: form-data; ${disposition}\r\nContent-Type: image/png\r\n\r\n`,
        ),
        value,
        Buffer.from("\r\n--B--\r\n"),
      ]);
    await expect(
      parseMultipart(raw('name="photo1"', Buffer.from([0x89, 0x50, 0x4e, 0x47])), headers("B"), LIMITS),
    ).rejects.toMatchObject({ status: 400, message: /photo1 : partie photo sans nom de fichier/ });
    await expect(
      parseMultipart(
        multipart("B", [{ name: "description", value: Buffer.from([0x63, 0x61, 0x66, 0xe9]) }]),
        headers("B"),
        LIMITS,
      ),
    ).rejects.toMatchObject({ status: 400, message: /description : .*UTF-8/ });
  });

  it("refuses a body cut short — a file part never closed, or a body truncated — without an unhandled error", async () => {
    const open =
      '--b\r\nContent-Disposition: form-data; name="photo1"; filename="a.png"\r\nContent-Type: image/png\r\n\r\nabc';
    await expect(parseMultipart(Buffer.from(open), headers("b"), LIMITS)).rejects.toMatchObject({
      status: 400,
      message: "Corps multipart mal formé.",
    });
    const whole = multipart("xYzZY", [
      { name: "service_code", value: "depot-sauvage" },
      { name: "photo1", value: Buffer.alloc(100, 7), file: "12.1.full.jpeg" },
    ]);
    for (const cut of [30, 10, 3]) {
      await expect(
        parseMultipart(whole.subarray(0, whole.length - cut), headers("xYzZY"), LIMITS),
      ).rejects.toMatchObject({ status: 400, message: "Corps multipart mal formé." });
    }
    // A part header never finished, and a text field never closed.
    for (const text of [
      '--b\r\nContent-Disposition: form-data; name="photo1"',
      '--b\r\nContent-Disposition: form-data; name="x"\r\n\r\nabc',
    ]) {
      await expect(parseMultipart(Buffer.from(text), headers("b"), LIMITS)).rejects.toMatchObject({
        status: 400,
      });
    }
  });
});
