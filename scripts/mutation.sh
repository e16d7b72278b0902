#!/usr/bin/env bash
# Mutation testing of Core's planner, executor and change guard against Core's tests (Stryker.NET, the local tool in
# .config/dotnet-tools.json; tests/Onboarding.Core.Tests/stryker-config.json says which files). Not run in CI: it
# takes tens of minutes. Scores and the last run are in docs/benchmarks.md ("Mutation testing").
#
#   scripts/mutation.sh [FILE...]
#
#   FILE   mutate only these files of src/Onboarding.Core (e.g. Apply/PlanExecutor.cs), one at a time while iterating;
#          without any, every file the configuration names.
#
# Two test processes at a time, at the lowest priority; run it on an idle machine (docs/benchmarks.md says why). The
# report (HTML, JSON and a table per file) goes to tests/Onboarding.Core.Tests/StrykerOutput/<date>/reports.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
mutate=()
for file in "$@"; do
  mutate+=(--mutate "**/Onboarding.Core/${file#src/Onboarding.Core/}")
done

cd "$root"
dotnet tool restore >/dev/null
cd tests/Onboarding.Core.Tests
exec nice -n 19 dotnet tool run dotnet-stryker -- --config-file stryker-config.json --concurrency 2 --skip-version-check "${mutate[@]}"
