// Opening information of a place, in the shape Strasbourg.eu publishes it: periods (with an optional date range)
// holding weekly schedules, and dated exceptions. Days of the week are numbered 0 = Monday … 6 = Sunday (the
// convention of the Strasbourg.eu place model), times are local to Strasbourg (Europe/Paris).
import { z } from "zod";

const Hour = z.string().regex(/^([01]\d|2[0-4]):[0-5]\d$/, "heure attendue au format hh:mm");
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "date attendue au format aaaa-mm-jj");

export const OpeningSchema = z.object({
  periods: z.array(
    z.object({
      name: z.string().nullable(),
      startDate: Day.nullable(),
      endDate: Day.nullable(),
      alwaysOpen: z.boolean(),
      schedules: z.array(
        z.object({ dayOfWeek: z.number().int().min(0).max(6), startHour: Hour, endHour: Hour }),
      ),
    }),
  ),
  exceptions: z.array(
    z.object({
      description: z.string().nullable(),
      startDate: Day,
      endDate: Day,
      closed: z.boolean(),
      startHour: Hour.nullable(),
      endHour: Hour.nullable(),
    }),
  ),
});
export type Opening = z.infer<typeof OpeningSchema>;

const TIME_ZONE = "Europe/Paris";
const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/** The local day (yyyy-mm-dd), day of the week (0 = Monday) and time (hh:mm) of an instant in Strasbourg. */
export function localTime(at: Date): { day: string; dayOfWeek: number; time: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", {
      timeZone: TIME_ZONE,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      weekday: "short",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    })
      .formatToParts(at)
      .map((part) => [part.type, part.value]),
  );
  return {
    day: `${parts.year}-${parts.month}-${parts.day}`,
    dayOfWeek: WEEKDAYS.indexOf(parts.weekday ?? ""),
    time: `${parts.hour}:${parts.minute}`,
  };
}

const within = (day: string, start: string | null, end: string | null) =>
  (start === null || day >= start) && (end === null || day <= end);

/**
 * Whether the place is open at an instant: an exception covering the day decides alone (closed, or open within
 * its hours); otherwise a period covering the day that is always open, or whose schedule of that weekday
 * includes the time. Null when nothing is known for that day (no period covers it).
 */
export function isOpenAt(opening: Opening, at: Date): boolean | null {
  const { day, dayOfWeek, time } = localTime(at);
  const exception = opening.exceptions.find((candidate) =>
    within(day, candidate.startDate, candidate.endDate),
  );
  if (exception) {
    if (exception.closed) return false;
    // An exception that is not a closure and gives no hours opens the whole day.
    if (!exception.startHour || !exception.endHour) return true;
    return time >= exception.startHour && time < exception.endHour;
  }
  const periods = opening.periods.filter((period) => within(day, period.startDate, period.endDate));
  if (periods.length === 0) return null;
  return periods.some(
    (period) =>
      period.alwaysOpen ||
      period.schedules.some(
        (schedule) =>
          schedule.dayOfWeek === dayOfWeek && time >= schedule.startHour && time < schedule.endHour,
      ),
  );
}
