import { describe, expect, it } from "vitest";
import { isOpenAt, localTime, type Opening } from "./opening.ts";

const library: Opening = {
  periods: [
    {
      name: "Horaires habituels",
      startDate: null,
      endDate: null,
      alwaysOpen: false,
      schedules: [
        { dayOfWeek: 1, startHour: "10:00", endHour: "19:00" },
        { dayOfWeek: 5, startHour: "10:00", endHour: "18:00" },
      ],
    },
  ],
  exceptions: [
    {
      description: "Fermeture de Noël",
      startDate: "2026-12-25",
      endDate: "2026-12-26",
      closed: true,
      startHour: null,
      endHour: null,
    },
  ],
};

describe("opening information", () => {
  it("reads instants in Strasbourg's time, 0 = Monday", () => {
    // 2026-12-01 is a Tuesday; 09:30 UTC is 10:30 in Strasbourg (winter, UTC+1).
    expect(localTime(new Date("2026-12-01T09:30:00Z"))).toEqual({
      day: "2026-12-01",
      dayOfWeek: 1,
      time: "10:30",
    });
    // Summer time: 08:30 UTC is 10:30 (UTC+2).
    expect(localTime(new Date("2026-07-04T08:30:00Z")).time).toBe("10:30");
  });

  it("is open within a schedule and closed outside", () => {
    expect(isOpenAt(library, new Date("2026-12-01T09:30:00Z"))).toBe(true);
    expect(isOpenAt(library, new Date("2026-12-01T08:30:00Z"))).toBe(false);
    expect(isOpenAt(library, new Date("2026-12-01T18:00:00Z"))).toBe(false); // 19:00, closing time excluded
    expect(isOpenAt(library, new Date("2026-11-30T12:00:00Z"))).toBe(false); // Monday
  });

  it("lets an exception decide alone, and knows nothing outside every period", () => {
    expect(isOpenAt(library, new Date("2026-12-26T10:00:00Z"))).toBe(false); // Saturday, but closed
    const seasonal: Opening = {
      periods: [
        { name: "Été", startDate: "2026-06-01", endDate: "2026-08-31", alwaysOpen: true, schedules: [] },
      ],
      exceptions: [],
    };
    expect(isOpenAt(seasonal, new Date("2026-07-14T03:00:00Z"))).toBe(true);
    expect(isOpenAt(seasonal, new Date("2026-12-14T12:00:00Z"))).toBeNull();
  });
});
