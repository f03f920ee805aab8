import { describe, expect, it } from "vitest";
import { boxAround, checkCoordinates, parseBoundingBox, parseNear } from "./area.ts";
import { InvalidInput } from "./invalidInput.ts";

const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInput);
    return (error as InvalidInput).message;
  }
  throw new Error("expected a refusal");
};

describe("bounding boxes", () => {
  it("accepts a box of Strasbourg", () => {
    expect(parseBoundingBox({ west: 7.7, south: 48.55, east: 7.8, north: 48.6 }, 0.5)).toEqual({
      minLat: 48.55,
      minLon: 7.7,
      maxLat: 48.6,
      maxLon: 7.8,
    });
  });

  it("refuses inverted boxes, saying which side", () => {
    expect(refusal(() => parseBoundingBox({ west: 7.8, south: 48.55, east: 7.7, north: 48.6 }, 0.5))).toMatch(
      /ouest/,
    );
    expect(refusal(() => parseBoundingBox({ west: 7.7, south: 48.6, east: 7.8, north: 48.55 }, 0.5))).toMatch(
      /sud/,
    );
  });

  it("refuses boxes too large or out of range", () => {
    expect(refusal(() => parseBoundingBox({ west: 7, south: 48, east: 8, north: 48.2 }, 0.5))).toMatch(
      /trop grand/,
    );
    expect(refusal(() => parseBoundingBox({ west: 7, south: 48, east: 7.1, north: 95 }, 0.5))).toMatch(
      /Latitude/,
    );
  });
});

describe("coordinates and circles", () => {
  it("refuses coordinates out of range", () => {
    expect(refusal(() => checkCoordinates(91, 7))).toMatch(/Latitude/);
    expect(refusal(() => checkCoordinates(48, -181))).toMatch(/Longitude/);
    expect(() => checkCoordinates(-90, 180)).not.toThrow();
  });

  it("bounds the radius and boxes the circle", () => {
    expect(parseNear({ lat: 48.58, lon: 7.75 }, 20_000).radiusMeters).toBe(1000);
    expect(refusal(() => parseNear({ lat: 48.58, lon: 7.75, radiusMeters: 50_000 }, 20_000))).toMatch(
      /rayon/,
    );
    const box = boxAround({ lat: 48.58, lon: 7.75, radiusMeters: 1000 });
    expect(box.maxLat - box.minLat).toBeCloseTo(0.018, 3);
    expect(box.maxLon - box.minLon).toBeGreaterThan(box.maxLat - box.minLat);
  });
});
