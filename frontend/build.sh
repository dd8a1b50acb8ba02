#!/usr/bin/env bash
# Installs the pinned front-end packages (GOV.UK Frontend, MoJ Frontend) from the npm
# registry and copies their built files where Django serves them:
#   build/static/vendor/...  -> /static/vendor/...   (CSS and JavaScript)
#   build/root/assets/...    -> /assets/...          (fonts and images; the precompiled CSS
#                                                     refers to them by absolute /assets/ URLs)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out="$here/../build"
cd "$here"
if [ ! -d node_modules/govuk-frontend ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --silent
fi
govuk=node_modules/govuk-frontend/dist/govuk
moj=node_modules/@ministryofjustice/frontend/moj
rm -rf "$out/static/vendor" "$out/root/assets"
mkdir -p "$out/static/vendor/govuk" "$out/static/vendor/moj" "$out/root/assets"
cp "$govuk/govuk-frontend.min.css" "$govuk/govuk-frontend.min.js" "$out/static/vendor/govuk/"
cp "$moj/moj-frontend.min.css" "$moj/moj-frontend.min.js" "$out/static/vendor/moj/"
# The source maps the minified files name: collectstatic's manifest storage refuses a missing one.
for map in "$govuk"/govuk-frontend.min.*.map; do if [ -e "$map" ]; then cp "$map" "$out/static/vendor/govuk/"; fi; done
for map in "$moj"/moj-frontend.min.*.map; do if [ -e "$map" ]; then cp "$map" "$out/static/vendor/moj/"; fi; done
cp -r "$govuk/assets/fonts" "$govuk/assets/images" "$govuk/assets/manifest.json" "$out/root/assets/"
cp -r "$moj/assets/images/." "$out/root/assets/images/"
echo "front-end assets copied to build/"
