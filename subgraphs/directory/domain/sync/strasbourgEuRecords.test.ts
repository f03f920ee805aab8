import { describe, expect, it } from "vitest";
import { eventDocuments, placeDocuments } from "../../../../simulators/strasbourg-eu/fixtures.ts";
import { htmlToText, normalizeName, slugify } from "../text.ts";
import { MalformedRecord, parseEvent, parsePlace, placeMatcher } from "./strasbourgEuRecords.ts";

const malformedReason = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(MalformedRecord);
    return (error as MalformedRecord).message;
  }
  throw new Error("expected a malformed record");
};

describe("Strasbourg.eu places", () => {
  const malraux = placeDocuments().find((place) => place.id === "101") as Record<string, unknown>;

  it("reads every fixture of the simulator", () => {
    for (const place of placeDocuments()) expect(() => parsePlace(place)).not.toThrow();
  });

  it("maps a place: projected position, plain-text description, opening hours, accessibility, kind", () => {
    const { sourceId, content } = parsePlace(malraux);
    expect(sourceId).toBe("101");
    expect(content.name).toBe("Médiathèque André Malraux");
    expect(content.lat).toBeCloseTo(48.5757, 6);
    expect(content.lon).toBeCloseTo(7.7603, 6);
    expect(content.description).toBe(
      "La grande médiathèque de Strasbourg, sur la presqu'île Malraux : prêt, presse, espace musique.",
    );
    expect(content.kind).toBe("equipment");
    expect(content.accessibility).toMatchObject({ wheelchair: true });
    expect((content.opening as { periods: { schedules: unknown[] }[] }).periods[0]?.schedules).toHaveLength(
      5,
    );
  });

  it("falls back on Lambert-93, whichever way RGF93X/Y are labelled", () => {
    const { mercatorX: _x, mercatorY: _y, ...lambertOnly } = malraux;
    const swapped = { ...lambertOnly, RGF93X: malraux.RGF93Y, RGF93Y: malraux.RGF93X };
    for (const record of [lambertOnly, swapped]) {
      const { content } = parsePlace(record);
      expect(content.lat).toBeCloseTo(48.5757, 5);
      expect(content.lon).toBeCloseTo(7.7603, 5);
    }
  });

  it("rejects malformed places with a reason naming the field", () => {
    const { mercatorX: _x, mercatorY: _y, RGF93X: _a, RGF93Y: _b, ...noPosition } = malraux;
    expect(malformedReason(() => parsePlace(noPosition))).toMatch(/coordonnées absentes/);
    expect(malformedReason(() => parsePlace({ ...malraux, mercatorX: "0", mercatorY: "0" }))).toMatch(
      /hors de la région/,
    );
    expect(malformedReason(() => parsePlace({ ...malraux, name: { fr_FR: " " } }))).toMatch(/^name/);
    expect(malformedReason(() => parsePlace({ ...malraux, periods: "tous les jours" }))).toMatch(/^periods/);
    expect(malformedReason(() => parsePlace({ name: "sans id" }))).toMatch(/^id/);
    expect(malformedReason(() => parsePlace("not an object"))).toBeTruthy();
  });

  it("hashes content, so that an unchanged record is recognised", () => {
    expect(parsePlace(malraux).hash).toBe(parsePlace(structuredClone(malraux)).hash);
    expect(parsePlace({ ...malraux, phone: "03 88 00 00 00" }).hash).not.toBe(parsePlace(malraux).hash);
  });
});

describe("Strasbourg.eu events", () => {
  const places = placeDocuments().map((place, index) => ({
    id: `place-${index}`,
    name: (place.name as { fr_FR: string }).fr_FR,
    city: place.city as string,
  }));
  const match = placeMatcher(places);

  it("links events to known places by name and keeps the others' names", () => {
    const events = eventDocuments(new Date("2026-11-28T00:00:00Z")).map((event) => parseEvent(event, match));
    const meeting = events.find((event) => event.sourceId === "9001");
    expect(meeting?.content.placeId).toBe(
      places.find((place) => place.name.startsWith("Mairie de quartier Neudorf"))?.id,
    );
    expect(meeting?.content.startDate).toBe("2026-12-04");
    const market = events.find((event) => event.sourceId === "9010");
    expect(market?.content.placeId).toBeNull();
    expect(market?.content.placeName).toBe("Place du Marché du Neudorf");
    const tales = events.find((event) => event.sourceId === "9003");
    expect(tales?.content.periods).toHaveLength(3);
    expect(tales?.content.endDate).toBe("2026-12-14");
  });

  it("rejects events without periods or with impossible ones", () => {
    const [event] = eventDocuments();
    expect(malformedReason(() => parseEvent({ ...event, periods: [] }, match))).toMatch(/période/);
    expect(
      malformedReason(() =>
        parseEvent({ ...event, periods: [{ startDate: "2026-12-10", endDate: "2026-12-01" }] }, match),
      ),
    ).toMatch(/période invalide/);
    expect(
      malformedReason(() =>
        parseEvent({ ...event, periods: [{ startDate: "10/12/2026", endDate: "2026-12-01" }] }, match),
      ),
    ).toMatch(/aaaa-mm-jj/);
  });
});

describe("texts", () => {
  it("turns HTML into plain text", () => {
    expect(
      htmlToText(
        "<p>Tarifs&nbsp;: 5&euro;<br>Gratuit &lt; 18 ans</p><script>alert(1)</script><p>Fin&#33;</p>",
      ),
    ).toBe("Tarifs : 5€\nGratuit < 18 ans\nFin!");
  });

  it("compares names without accents, case or punctuation, and builds slugs", () => {
    expect(normalizeName("NEUDORF - SCHLUTHFELD - PORT DU RHIN - MUSAU")).toBe(
      normalizeName("Neudorf-Schluthfeld-Port du Rhin-Musau"),
    );
    expect(normalizeName("Hœnheim")).toBe("hoenheim");
    expect(slugify("Centre socioculturel du Neudorf")).toBe("centre-socioculturel-du-neudorf");
  });
});
