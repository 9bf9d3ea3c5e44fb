import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type MetricField, metricLabel } from "../../src/cli/usage/metric-fields.js";
import { renderUsage } from "../../src/cli/usage/render.js";
import type { UsageRow } from "../../src/cli/usage/report.js";
import { runDevinUsage } from "../support/devin-usage-cli.js";
import type { TestServer } from "../support/http-server.js";
import { REPO_ROOT } from "../support/project-copy.js";
import { specMetricFields } from "../support/spec-metrics.js";
import { startUsageServer, USAGE_KEY } from "../support/usage-server.js";

/**
 * `--format html` in a real browser: Debian's Chromium, headless, driven by playwright-core.
 * The page must draw a chart per metric with no script, font or request of its own, show
 * a missing window as missing, and keep hostile metric names as text. The screenshot is
 * kept in .cache/test-artifacts/ for a person to look at.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const SCREENSHOT = join(REPO_ROOT, ".cache", "test-artifacts", "devin-usage-html.png");

let browser: Browser;
let server: TestServer;
let dir: string;
beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(`this test needs Debian's Chromium at ${CHROMIUM} (apt-get install chromium), or CHROMIUM_PATH`);
  browser = await chromium.launch({ executablePath: CHROMIUM });
  // One day of October fails every time: the page must show it as a gap, not a zero.
  server = await startUsageServer({
    answer: ({ after }) =>
      after === Date.parse("2026-10-13T00:00:00Z") / 1000 ? { status: 503, body: { detail: "down" } } : undefined,
  });
  dir = await mkdtemp(join(tmpdir(), "devin-usage-html-"));
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Opens a page from a file (so its Content-Security-Policy applies) and records every request and dialog. */
async function open(html: string, name: string): Promise<{ page: Page; requests: string[]; dialogs: string[] }> {
  const file = join(dir, name);
  await writeFile(file, html);
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  const requests: string[] = [];
  const dialogs: string[] = [];
  page.on("request", (request) => requests.push(request.url()));
  page.on("dialog", async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
  return { page, requests, dialogs };
}

describe("the HTML page in headless Chromium", () => {
  test("a chart per metric of the spec, the failed day hatched, nothing loaded; screenshot kept", async () => {
    const result = await runDevinUsage(
      ["--since", "2026-10-01", "--until", "2026-11-01", "--interval", "day", "--format", "html", "--retries", "0"],
      { DEVIN_API_KEY: USAGE_KEY, DEVIN_ORG_ID: "org-abc", DEVIN_API_BASE_URL: server.url },
    );
    expect(result.code).toBe(1);
    const { page, requests, dialogs } = await open(result.stdout, "usage.html");
    expect(requests).toEqual([pathToFileURL(join(dir, "usage.html")).href]);
    expect(dialogs).toEqual([]);
    const charts = await page.$$eval("figure", (figures) =>
      figures.map((figure) => ({
        caption: figure.querySelector("figcaption")?.textContent ?? "",
        bars: [...figure.querySelectorAll("rect.bar")].map((bar) => bar.getBoundingClientRect().height),
        missing: figure.querySelectorAll("rect.missing").length,
        width: figure.querySelector("svg")?.getBoundingClientRect().width ?? 0,
      })),
    );
    const fields = specMetricFields();
    expect(charts.map((chart) => chart.caption.split(" · ")[0])).toEqual(
      fields.map((field) => `${metricLabel(field)} ${field}`),
    );
    for (const chart of charts) {
      expect(chart.bars).toHaveLength(30);
      expect(chart.missing).toBe(1);
      expect(chart.width).toBeGreaterThan(300);
    }
    // Every day has the same counts, so the sessions bars are all full height.
    const sessions = charts[fields.indexOf("sessions_count")];
    expect(new Set(sessions?.bars.map(Math.round)).size).toBe(1);
    expect(sessions?.bars[0]).toBeGreaterThan(100);
    expect(await page.locator("p.warning").textContent()).toContain("1 of 31 windows have no answer");
    expect(await page.locator("tbody tr").count()).toBe(31);
    await mkdir(join(REPO_ROOT, ".cache", "test-artifacts"), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect((await stat(SCREENSHOT)).size).toBeGreaterThan(20_000);
    await page.close();
  });

  test("hostile metric names stay text: no script runs, nothing loads, every name shown escaped", async () => {
    const names = [
      "<img src=x onerror=alert(1)>",
      "</figcaption><script>alert(2)</script>",
      '"><svg onload=alert(3)>',
      "\u001b]0;title\u0007",
      "会话数",
      "a\u202eevil",
    ];
    const rows: UsageRow[] = [1, 2, 3].map((day) => ({
      from: new Date(Date.UTC(2026, 10, day)),
      to: new Date(Date.UTC(2026, 10, day + 1)),
      metrics: Object.fromEntries(
        names.map((name, index) => [name, day * (index + 1)]),
      ) as unknown as UsageRow["metrics"],
    }));
    const html = renderUsage(
      {
        org: "<b>org</b>",
        fields: names as unknown as MetricField[],
        windows: rows,
        rows,
        missing: [],
        generatedAt: new Date("2026-11-26T00:00:00Z"),
        version: "0",
      },
      "html",
    );
    const { page, requests, dialogs } = await open(html, "hostile.html");
    expect(dialogs).toEqual([]);
    expect(requests).toHaveLength(1);
    expect(await page.locator("script, img, b").count()).toBe(0);
    expect(await page.locator("svg").count()).toBe(names.length);
    const captions = await page.$$eval("figcaption .field", (spans) => spans.map((span) => span.textContent));
    expect(captions.slice(0, 3)).toEqual(names.slice(0, 3));
    expect(captions[3]).toBe("\\u001b]0;title\\u0007");
    expect(captions[4]).toBe("会话数");
    expect(captions[5]).toBe("a\\u202eevil");
    expect(await page.title()).toBe("Devin usage: <b>org</b>");
    await page.close();
  });
});
