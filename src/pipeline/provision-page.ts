import { renderPage } from "../site/render-page.ts";
import type { ProvisionRecord } from "./provision.ts";

/**
 * The record of provision as a plain page for the privacy officer (layouts/verstrekkingen.njk):
 * per audience its recipients and legal basis, every file provided with the rules applied, and
 * every input, each with the start of its SHA-256 (the JSON beside it holds them whole). Rendered
 * outside the Eleventy run, with the site's environment: it is written last, over the files it hashes.
 */
export function provisionPage(record: ProvisionRecord, organisation: string, layoutsDir?: string): string {
  const audiences = [...new Map(record.files.map((file) => [file.audience, file])).values()].map((file) => ({
    audience: file.audience,
    recipients: file.recipients.join("; "),
    legalBasis: file.legalBasis,
    files: record.files.filter((other) => other.audience === file.audience).length,
  }));
  const files = record.files.map((file) => ({
    path: file.path,
    report: file.edition ? `${file.report} ${file.edition}` : file.report,
    area: file.area ? `${file.area.naam} (${file.area.code})` : "",
    audience: file.audience,
    rules: file.disclosure.applied
      ? `${file.disclosure.method === "round5" ? "afgerond op 5" : `onderdrukt onder ${file.disclosure.threshold}`}; ${file.disclosure.suppressedCells} cellen x`
      : "geen (niet openbaar)",
    hash: file.sha256.slice(0, 16),
  }));
  const inputs = record.inputs.map((input) => ({ path: input.path, kind: input.kind, bytes: input.bytes, hash: input.sha256.slice(0, 16) }));
  const page = {
    title: `Vastlegging van verstrekkingen — ${record.buildDate}`,
    heading: "Vastlegging van verstrekkingen",
    organisation,
    buildDate: record.buildDate,
    tool: `${record.tool.name} ${record.tool.version}`,
    configHash: record.configSha256.slice(0, 16),
    description: record.description,
    json: `${record.buildDate}.json`,
    audiences,
    files,
    inputs,
  };
  return renderPage("verstrekkingen.njk", page, layoutsDir ? { layoutsDir } : {});
}
