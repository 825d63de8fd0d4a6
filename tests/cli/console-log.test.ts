import { describe, expect, it } from "vitest";
import { consoleLog, eta } from "../../src/cli/console-log.ts";
import { Capture } from "./fake-io.ts";

/** A clock the test moves by hand. */
function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe("consoleLog on a terminal", () => {
  it("redraws progress in place with counts and an ETA from the rate so far, and ends the line when done", () => {
    const stream = new Capture(true);
    const time = clock();
    const log = consoleLog(stream, {}, { now: time.now });
    log.progress("pdf", 0, 40);
    time.advance(10_000);
    log.progress("pdf", 10, 40);
    time.advance(10_000);
    log.progress("pdf", 20, 40);
    time.advance(20_000);
    log.progress("pdf", 40, 40);
    const draws = stream.text.split("\r\u001b[2K").filter(Boolean);
    expect(draws).toEqual(["  pdf: 0/40", "  pdf: 10/40 · ETA 30 s", "  pdf: 20/40 · ETA 20 s", "  pdf: 40/40\n"]);
  });

  it("shows the step's own text instead of the bare counts when it gives one", () => {
    const stream = new Capture(true);
    const log = consoleLog(stream, {}, { now: clock().now });
    log.progress("ingest", 82_000_000, 82_000_000, "73/73 files · 100% · 473.229 rows");
    expect(stream.text).toBe("\r\u001b[2K  ingest: 73/73 files · 100% · 473.229 rows\n");
  });

  it("draws at most ten times a second, but always the last state", () => {
    const stream = new Capture(true);
    const time = clock();
    const log = consoleLog(stream, {}, { now: time.now });
    for (let done = 0; done <= 100; done++) {
      log.progress("ingest", done, 100);
      time.advance(5);
    }
    expect(stream.text.split("\r\u001b[2K").filter(Boolean).length).toBeLessThanOrEqual(7);
    expect(stream.text.endsWith("ingest: 100/100\n")).toBe(true);
  });

  it("clears a progress line before a step or warning, and colours unless NO_COLOR is set", () => {
    const stream = new Capture(true);
    const log = consoleLog(stream, {}, { now: clock().now });
    log.progress("pdf", 1, 4);
    log.warn("a month looks short");
    expect(stream.text).toBe("\r\u001b[2K  pdf: 1/4\r\u001b[2K\u001b[33mwarning:\u001b[0m a month looks short\n");
    const plain = new Capture(true);
    consoleLog(plain, { NO_COLOR: "1" }).step("html: 9 pages");
    expect(plain.text).toBe("› html: 9 pages\n");
  });
});

describe("consoleLog in a log file or pipe", () => {
  it("prints a line per step, info and warning, and no progress at all", () => {
    const stream = new Capture(false);
    const log = consoleLog(stream, {});
    log.step("ingest: 73 export file(s)");
    for (let done = 0; done <= 73; done++) log.progress("ingest", done, 73);
    log.info("ingest: 10 of 10 rows used");
    log.warn("no delivery for 2025-11");
    expect(stream.text).toBe("› ingest: 73 export file(s)\n  ingest: 10 of 10 rows used\nwarning: no delivery for 2025-11\n");
  });
});

describe("eta", () => {
  it("waits for a second of work and some progress before it guesses, and switches to minutes", () => {
    expect(eta({ at: 0, done: 0 }, 5, 10, 500)).toBe("");
    expect(eta({ at: 0, done: 3 }, 3, 10, 5000)).toBe("");
    expect(eta({ at: 0, done: 0 }, 1, 100, 10_000)).toBe(" · ETA 17 min");
  });
});
