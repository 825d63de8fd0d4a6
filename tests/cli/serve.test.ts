import { existsSync } from "node:fs";
import { cp, mkdir, readFile, writeFile } from "node:fs/promises";
import http from "node:http";
import path from "node:path";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cleanup, ROOT, tempDir } from "../helpers.ts";
import { startCli, waitFor, type Running } from "./run-cli.ts";

/**
 * `serve` for real: the command in a child process on a free port, a browser's live-reload
 * connection (a WebSocket client), and edits to a layout and a commentary file on disk.
 */
let work: string;
let serving: Running | undefined;
let url = "";
const reloads: unknown[] = [];
let socket: WebSocket | undefined;

beforeAll(async () => {
  work = await tempDir("vb-serve-");
  const mini = path.join(ROOT, "tests", "fixtures", "mini");
  await cp(path.join(ROOT, "layouts"), path.join(work, "layouts"), { recursive: true });
  await mkdir(path.join(work, "commentary"));
  await writeFile(
    path.join(work, "veiligheidsbeeld.config.json"),
    JSON.stringify({
      title: "Serve-test",
      organisation: "Testeenheid",
      scope: { gemeenten: ["GM0335", "GM0589"] },
      paths: { exports: path.join(mini, "exports"), reference: path.join(ROOT, "data", "reference"), commentary: "commentary", layouts: "layouts", output: "dist", cache: ".cache" },
      reference: { basisteams: path.join(mini, "basisteams.csv") },
      buildDate: "2026-01-10",
      reports: [{ definition: "tabellenboek", periods: ["2025-12"] }],
    }),
  );
  // A page a build before connect-src 'self' left in the preview (an earlier edition of a public site).
  await mkdir(path.join(work, ".cache", "serve", "archief"), { recursive: true });
  await writeFile(path.join(work, ".cache", "serve", "archief", "oud.html"), `<!doctype html><meta http-equiv="Content-Security-Policy" content="default-src 'none'; connect-src 'none'"><title>Oud</title><p>Oud</p>\n`);
  serving = startCli(["serve", "--port", "0"], { cwd: work });
  await waitFor(() => /serving \d+ pages at http:\/\/localhost:\d+\//.test(serving?.stdout() ?? ""), "serve to start");
  url = /(http:\/\/localhost:\d+\/)/.exec(serving.stdout())?.[1] ?? "";
  socket = new WebSocket(url.replace("http:", "ws:"));
  socket.on("message", (data: Buffer) => {
    const message = JSON.parse(data.toString()) as { type: string };
    if (message.type === "eleventy.reload") reloads.push(message);
  });
  await new Promise((resolve, reject) => {
    socket?.once("open", resolve);
    socket?.once("error", reject);
  });
});

afterAll(async () => {
  socket?.close();
  if (serving && serving.child.exitCode === null) {
    serving.child.kill("SIGKILL");
    await serving.exited;
  }
  await cleanup(work);
});

/** A page as a browser gets it when navigating there (the dev server adds its script only then; fetch() may not say so). */
function page(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    http
      .get(new URL(file, url), { headers: { "sec-fetch-mode": "navigate", accept: "text/html" } }, (response) => {
        let body = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (body += chunk));
        response.on("end", () => resolve(body));
      })
      .on("error", reject);
  });
}
const rebuilds = (): number => (serving?.stdout().match(/^rebuilt /gm) ?? []).length;

describe("veiligheidsbeeld serve", () => {
  it("serves the pages with the live-reload script, and writes nothing to dist/", async () => {
    const index = await page("index.html");
    expect(index).toContain("Serve-test");
    expect(index).toContain("reload-client.js");
    expect(await page("tabellenboek/2025-12/gm0589-oudewater.html")).toContain("Oudewater");
    expect(await page("kwaliteit/2025-12.html")).toContain("Datakwaliteit 2025-12");
    expect(existsSync(path.join(work, "dist"))).toBe(false);
  });

  it("rebuilds and reloads the browser when a layout changes, and serves the new page", async () => {
    const before = { rebuilds: rebuilds(), reloads: reloads.length };
    const layout = path.join(work, "layouts", "index.njk");
    await writeFile(layout, (await readFile(layout, "utf8")).replace("<h1>{{ p.title }}</h1>", '<h1>{{ p.title }}</h1>\n<p id="serve-marker">layout gewijzigd</p>'));
    await waitFor(() => rebuilds() > before.rebuilds && reloads.length > before.reloads, "a rebuild and a reload after the layout change");
    expect(serving?.stdout()).toMatch(/rebuilt \d+ pages in [\d.]+ s after a change to layouts\/index\.njk/);
    expect(await page("index.html")).toContain('<p id="serve-marker">layout gewijzigd</p>');
  });

  it("rebuilds the page data and reloads the browser when a commentary file changes", async () => {
    const before = { rebuilds: rebuilds(), reloads: reloads.length };
    await writeFile(path.join(work, "commentary", "gm0589.md"), "Het aantal woninginbraken daalde.\n");
    await waitFor(() => rebuilds() > before.rebuilds && reloads.length > before.reloads, "a rebuild and a reload after the commentary change");
    expect(serving?.stdout()).toContain("after a change to commentary/gm0589.md");
    // The older page lets the live-reload script connect, after the rebuilds too (its policy was changed once, when first seen).
    const old = await page("archief/oud.html");
    expect(old).toContain("connect-src 'self'");
    expect(old).not.toContain("connect-src 'none'");
  });

  it("keeps serving the last good build when a change breaks it, and says why", async () => {
    const layout = path.join(work, "layouts", "index.njk");
    const good = await readFile(layout, "utf8");
    await writeFile(layout, `${good}{% if %}`);
    await waitFor(() => (serving?.stderr() ?? "").includes("rebuild failed:"), "the failed rebuild to be reported");
    expect(serving?.stderr()).toContain("Still serving the last good build");
    expect(await page("index.html")).toContain('<p id="serve-marker">layout gewijzigd</p>');
    const before = rebuilds();
    await writeFile(layout, good);
    await waitFor(() => rebuilds() > before, "a rebuild after the fix");
  });

  it("stops on Ctrl-C with exit code 0", async () => {
    serving?.child.kill("SIGINT");
    expect(await serving?.exited).toBe(0);
    expect(serving?.stderr()).toContain("interrupted: stopped serving.");
    expect(existsSync(path.join(work, "dist"))).toBe(false);
  });

  it("started again on a preview that is up to date, reads its inputs after it serves, and then rebuilds an edit", async () => {
    serving = startCli(["serve", "--port", "0"], { cwd: work });
    await waitFor(() => /inputs read in [\d.]+ s: a change is rebuilt from memory now/.test(serving?.stdout() ?? ""), "serve to read its inputs after starting");
    expect(serving.stderr()).toContain("nothing changed since the last build");
    await writeFile(path.join(work, "commentary", "gm0589.md"), "Het aantal woninginbraken steeg.\n");
    await waitFor(() => rebuilds() > 0, "a rebuild after the commentary change");
    expect(serving.stdout()).toContain("after a change to commentary/gm0589.md");
    serving.child.kill("SIGINT");
    expect(await serving.exited).toBe(0);
  });
});
