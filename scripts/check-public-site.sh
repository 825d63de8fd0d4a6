#!/usr/bin/env bash
# Checks a built public site as communications staff would before putting it online:
#   - the Nu HTML Checker (vnu-jar from npm, run with the system's Java) over every page: 0 errors;
#   - Lighthouse 12.2.3 against Debian's Chromium, offline, on the index and one gemeente page:
#     performance, accessibility, best practices and SEO each at least 95.
# Usage: scripts/check-public-site.sh [site folder, default dist/halfjaarcijfers] [gemeente page]
# Needs: java, chromium, and the two npm packages (npx fetches them once from the npm registry).
set -euo pipefail
site="${1:-dist/halfjaarcijfers}"
page="${2:-2025-h2/gm0344-utrecht.html}"
port="${PORT:-8765}"
status=0

# npx installs the package into its cache; the jar is found there.
npm exec --yes --package=vnu-jar@24.10.17 -- true
jar="$(find ~/.npm/_npx -path '*vnu-jar/build/dist/vnu.jar' 2>/dev/null | head -1)"
if java -Xss4m -jar "$jar" --errors-only --skip-non-html "$site"; then echo "Nu HTML Checker: 0 errors in $site"; else echo "Nu HTML Checker: errors (above)"; status=1; fi

python3 -m http.server "$port" --bind 127.0.0.1 --directory "$site" >/dev/null 2>&1 &
server=$!
trap 'kill "$server"' EXIT
sleep 1
for path in index.html "$page"; do
  out="$(mktemp)"
  CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}" npm exec --yes --package=lighthouse@12.2.3 -- lighthouse "http://127.0.0.1:$port/$path" --quiet \
    --chrome-flags="--headless=new --no-sandbox" --only-categories=performance,accessibility,best-practices,seo --output=json --output-path="$out"
  node -e '
    const report = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const scores = Object.values(report.categories).map((c) => [c.id, Math.round(c.score * 100)]);
    console.log(`Lighthouse ${process.argv[2]}: ${scores.map(([id, s]) => `${id} ${s}`).join(", ")}; CLS ${report.audits["cumulative-layout-shift"].displayValue}`);
    process.exit(scores.every(([, s]) => s >= 95) ? 0 : 1);
  ' "$out" "$path" || status=1
  rm -f "$out"
done
exit $status
