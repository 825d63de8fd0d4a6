import type { DeliveryEntry } from "./deliver.ts";

/**
 * The record of deliveries as a plain page for the privacy officer (not for publication): per
 * delivery when, to whom, on which legal basis, which report edition and every file with its
 * SHA-256, newest first. No scripts, no external resources; the JSON lines beside it are the record.
 */
export function deliveryLogPage(entries: readonly DeliveryEntry[], organisation: string): string {
  const rows = [...entries]
    .reverse()
    .map((entry) => {
      const files = entry.files.map((file) => `<li><code>${escapeHtml(file.path)}</code> <code>${file.sha256}</code> (${file.bytes} bytes)</li>`).join("");
      return `<tr><td>${escapeHtml(entry.deliveredAt)}</td><td>${escapeHtml(entry.recipient.name)} (<code>${escapeHtml(entry.recipient.id)}</code>, ${escapeHtml(entry.recipient.audience)})</td><td>${escapeHtml(entry.legalBasis)}</td><td>${escapeHtml(entry.report)} ${escapeHtml(entry.edition)}<br><code>${escapeHtml(entry.target)}</code></td><td><ul>${files}</ul></td></tr>`;
    })
    .join("\n");
  return `<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Leveringen van gegevensbestanden</title>
<link rel="stylesheet" href="../assets/site.css">
<style>
  .provision { max-width: 90rem; margin: 0 auto; padding: 1rem 1.5rem 3rem; }
  .provision .marking { display: inline-block; border: 2px solid #7a1010; color: #7a1010; font-weight: 700; padding: 0.3rem 0.7rem; }
  .provision table { border-collapse: collapse; width: 100%; font-size: 0.85rem; }
  .provision th, .provision td { border-bottom: 1px solid #d5d9e0; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
  .provision code { font-size: 0.8rem; overflow-wrap: anywhere; }
  .provision ul { margin: 0; padding-left: 1rem; }
</style>
</head>
<body>
<main class="provision">
<p class="marking">Vertrouwelijk — niet openbaar; vastlegging voor de privacy officer</p>
<h1>Leveringen van gegevensbestanden</h1>
<p>${escapeHtml(organisation)} · ${entries.length} leveringen, de nieuwste eerst. Wat aan wie is geleverd, wanneer, op welke grondslag, met de SHA-256 van elk bestand zoals het in de aflevermap is gezet. De vastlegging zelf staat in <a href="leveringen.jsonl">leveringen.jsonl</a>.</p>
<table>
<thead><tr><th scope="col">Geleverd</th><th scope="col">Ontvanger</th><th scope="col">Grondslag</th><th scope="col">Rapport en map</th><th scope="col">Bestanden</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
</main>
</body>
</html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[char] as string);
}
