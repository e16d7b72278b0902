#!/usr/bin/env bash
# Walks one community from request to First Value in the sandbox, on a temporary copy of the examples (the committed
# files are never edited): reset the sandbox, apply the examples, mark heliolab's prod hub deployed, apply again (the
# hub-available email and BD's note and comment go out), seed 6 people using the hub, check First Value, then run it all
# once more to show that nothing is sent twice. Prints every report; exits non-zero when a step does not do what it should.
#
#   scripts/walkthrough.sh              build (Release) if needed, then walk
#   scripts/walkthrough.sh --no-build   use the Release build already there (CI)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cli="$root/src/Onboarding.Cli/bin/Release/net10.0/onboarding.dll"
community=heliolab
hub=prod
url="https://heliolab.hubs.example.org"

case "${1:-}" in
  --no-build) [ -f "$cli" ] || { echo "walkthrough: $cli is not built; run without --no-build" >&2; exit 1; } ;;
  "") dotnet build "$root/src/Onboarding.Cli" -c Release -nologo -v quiet ;;
  *) echo "walkthrough: unknown option $1 (the only one is --no-build)" >&2; exit 2 ;;
esac

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -R "$root/communities" "$root/onboarding.yaml" "$work/"
cd "$work"

onboarding() { dotnet "$cli" "$@"; }
step() { printf '\n== %s\n' "$1"; }
# Runs a command, prints its output, and keeps it in $out for the checks that follow.
run() { out="$("$@" 2>&1)" || { printf '%s\n' "$out"; echo "walkthrough: '$*' failed" >&2; exit 1; }; printf '%s\n' "$out"; }
expect() { grep -qF -- "$1" <<<"$out" || { echo "walkthrough: expected to see: $1" >&2; exit 1; }; }
refuse() { if grep -qF -- "$1" <<<"$out"; then echo "walkthrough: did not expect to see: $1" >&2; exit 1; fi; }

step "1. A fresh sandbox, and the example communities applied (turnup issues opened, nothing deployed yet)"
run onboarding apply --sandbox --reset --all
refuse "hub-available email"

step "2. The infrastructure team marks $community's $hub hub deployed (in the temporary copy)"
today="$(date -u +%Y-%m-%d)"
manifest="communities/$community.yaml"
awk -v today="$today" -v url="$url" '
  $0 == "    status: requested" && !flipped { print "    status: deployed"; flipped = 1; next }
  flipped == 1 && /^    requested: / { print; print "    deployed: \"" today "\""; print "    url: " url; flipped = 2; next }
  { print }' "$manifest" >"$manifest.new"
mv "$manifest.new" "$manifest"
grep -q "^    url: $url" "$manifest" || { echo "walkthrough: could not mark $community ($hub) deployed" >&2; exit 1; }
sed -n '/^hubs:/,/^    auth:/p' "$manifest"

step "3. Apply: the hub-available email to the technical contacts, BD's note in HubSpot and comment on the phase 3 issue"
run onboarding apply --sandbox --all
expect "send email hub-available email for $hub"
expect "delivery note for $hub on $community"
expect "delivery comment for BD"

step "4. Six people (and the service check, which is staff) use the hub"
run onboarding sandbox usage --community "$community" --hub "$hub" --users 6 --staff deployment-service-check

step "5. First Value: 6 distinct non-staff users, recorded in HubSpot and on the phase 3 issue"
run onboarding first-value --sandbox
expect "(recorded now)"

step "6. Everything once more: nothing is sent or recorded twice"
run onboarding apply --sandbox --all
expect "Nothing left to do"
run onboarding sandbox usage --community "$community" --hub "$hub" --users 6 --staff deployment-service-check
run onboarding first-value --sandbox
expect "(already recorded)"
refuse "(recorded now)"

printf '\nWalkthrough done: %s (%s) went from request to First Value, and every notification went out once.\n' "$community" "$hub"
