// When publications run: once a day (OPENDATA_PUBLISH_INTERVAL_SECONDS), after domain events once they stop
// arriving for OPENDATA_PUBLISH_DEBOUNCE_MS (a burst of signatures makes one run, not hundreds), and again after a
// failed run (OPENDATA_PUBLISH_RETRY_SECONDS). Never two runs at once: a trigger during a run makes one more after.
import type { PublicationTrigger } from "../ports/publicationStore.ts";

export interface RunResult {
  status: "succeeded" | "failed";
  /** Null when the run could not even be recorded (database unavailable). */
  runId: string | null;
}

export interface ScheduleOptions {
  intervalMs: number;
  debounceMs: number;
  retryMs: number;
  run: (trigger: PublicationTrigger) => Promise<RunResult>;
  onError: (error: unknown) => void;
}

export interface PublicationSchedule {
  /** A domain event changed some published data. */
  changed(): void;
  /** Runs now (or right after the current run), resolving with its outcome. */
  runNow(trigger: PublicationTrigger): Promise<RunResult>;
  stop(): Promise<void>;
}

export function startPublicationSchedule(options: ScheduleOptions): PublicationSchedule {
  let stopped = false;
  let running: Promise<RunResult> | null = null;
  let debounce: NodeJS.Timeout | null = null;
  let retry: NodeJS.Timeout | null = null;

  const execute = (trigger: PublicationTrigger): Promise<RunResult> => {
    const previous: Promise<unknown> = running ?? Promise.resolve();
    const next = previous
      .catch(() => undefined)
      .then(() => options.run(trigger))
      .then(
        (outcome) => {
          if (outcome.status === "failed") scheduleRetry();
          return outcome;
        },
        (error: unknown) => {
          options.onError(error);
          scheduleRetry();
          return { status: "failed" as const, runId: null };
        },
      )
      .finally(() => {
        if (running === next) running = null;
      });
    running = next;
    return next;
  };
  const scheduleRetry = () => {
    if (stopped || options.retryMs <= 0 || retry) return;
    retry = setTimeout(() => {
      retry = null;
      if (!stopped) void execute("daily");
    }, options.retryMs);
    retry.unref();
  };
  const daily =
    options.intervalMs > 0
      ? setInterval(() => {
          if (!stopped) void execute("daily");
        }, options.intervalMs)
      : null;
  daily?.unref();

  return {
    changed() {
      if (stopped || options.debounceMs <= 0) return;
      if (debounce) clearTimeout(debounce);
      debounce = setTimeout(() => {
        debounce = null;
        if (!stopped) void execute("event");
      }, options.debounceMs);
      debounce.unref();
    },
    runNow: (trigger) => execute(trigger),
    async stop() {
      stopped = true;
      if (daily) clearInterval(daily);
      if (debounce) clearTimeout(debounce);
      if (retry) clearTimeout(retry);
      await running?.catch(() => undefined);
    },
  };
}
