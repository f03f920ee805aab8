import { describe, expect, it } from "vitest";
import { Open311Error } from "./format.ts";
import {
  attributes,
  dateRange,
  list,
  location,
  paramsFromSearch,
  parseMultipart,
  requestIds,
  single,
  statuses,
} from "./params.ts";

const errorOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error instanceof Open311Error ? { status: error.status, message: error.message } : error;
  }
  return undefined;
};

describe("Open311 parameters", () => {
  it("collects attribute[code] and attribute[code][] (multivaluelist) answers", () => {
    const params = paramsFromSearch(
      "attribute[volume]=sac&attribute[nature][]=gravats&attribute[nature][]=pneus&attribute=x&other[a]=1",
    );
    expect(attributes(params)).toEqual([
      { code: "volume", values: ["sac"] },
      { code: "nature", values: ["gravats", "pneus"] },
    ]);
  });

  it("treats an empty parameter as absent, and splits comma-delimited lists", () => {
    const params = paramsFromSearch("jurisdiction_id=&service_code=a,b&service_code=c&status=open");
    expect(single(params, "jurisdiction_id")).toBeNull();
    expect(list(params, "service_code")).toEqual(["a", "b", "c"]);
    expect(statuses(params)).toEqual(["open"]);
    expect(errorOf(() => statuses(paramsFromSearch("status=pending")))).toMatchObject({ status: 400 });
  });

  it("wants lat and long together, as decimal numbers", () => {
    expect(location(paramsFromSearch("lat=48.5734&long=7.7521"))).toEqual({ lat: 48.5734, lon: 7.7521 });
    expect(location(paramsFromSearch(""))).toBeNull();
    expect(errorOf(() => location(paramsFromSearch("lat=48.5")))).toMatchObject({ status: 400 });
    expect(errorOf(() => location(paramsFromSearch("lat=abc&long=7.7")))).toMatchObject({ status: 400 });
    expect(errorOf(() => location(paramsFromSearch("lat=1e3&long=7.7")))).toMatchObject({ status: 400 });
  });

  it("limits the date range to 90 days and defaults to the last 90", () => {
    const now = new Date("2026-11-28T12:00:00Z");
    expect(dateRange(paramsFromSearch(""), now)).toEqual({
      since: new Date("2026-08-30T12:00:00Z"),
      until: now,
    });
    expect(dateRange(paramsFromSearch("start_date=2026-11-01T00:00:00Z"), now).until).toEqual(
      new Date("2027-01-30T00:00:00Z"),
    );
    expect(
      errorOf(() =>
        dateRange(paramsFromSearch("start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z"), now),
      ),
    ).toMatchObject({ status: 400 });
    expect(errorOf(() => dateRange(paramsFromSearch("start_date=2026-11-01"), now))).toMatchObject({
      status: 400,
    });
    expect(
      errorOf(() =>
        dateRange(paramsFromSearch("start_date=2026-11-02T00:00:00Z&end_date=2026-11-01T00:00:00Z"), now),
      ),
    ).toMatchObject({ status: 400 });
  });

  it("wants service_request_id as identifiers", () => {
    const id = "01936b2e-0000-7000-8000-000000000101";
    expect(requestIds(paramsFromSearch(`service_request_id=${id},${id}`))).toEqual([id]);
    expect(errorOf(() => requestIds(paramsFromSearch("service_request_id=1;DROP")))).toMatchObject({
      status: 400,
    });
  });

  it("reads multipart/form-data text fields and file parts", () => {
    const boundary = "----parvis42";
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="service_code"\r\n\r\ndepot-sauvage\r\n`,
      ),
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="description"\r\n\r\nSacs éventrés\r\n`,
      ),
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="media"; filename="p.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
      ),
      Buffer.from([0xff, 0xd8, 0xff, 0x0d, 0x0a, 0x00]),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const { params, files } = parseMultipart(body, `multipart/form-data; boundary=${boundary}`);
    expect(single(params, "service_code")).toBe("depot-sauvage");
    expect(single(params, "description")).toBe("Sacs éventrés");
    expect(files).toEqual([
      { field: "media", contentType: "image/jpeg", bytes: Buffer.from([0xff, 0xd8, 0xff, 0x0d, 0x0a, 0x00]) },
    ]);
    expect(
      errorOf(() => parseMultipart(Buffer.from("garbage"), "multipart/form-data; boundary=x")),
    ).toMatchObject({
      status: 400,
    });
  });
});
