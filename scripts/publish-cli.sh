#!/usr/bin/env bash
# Publishes the onboarding program as the GitHub Action runs it (action.yml, on a cache miss): self-contained for
# linux-x64 and ReadyToRun, restored in locked mode (exactly the packages.lock.json files, from the one source in
# nuget.config). docs/benchmarks.md, "Pull-request latency", says why not Native AOT.
#
#   scripts/publish-cli.sh OUTPUT_DIR
set -euo pipefail
if [ $# -ne 1 ]; then
  echo "usage: scripts/publish-cli.sh OUTPUT_DIR" >&2
  exit 2
fi
output="$(realpath -m "$1")"
cd "$(dirname "$0")/.."
dotnet publish src/Onboarding.Cli -c Release -r linux-x64 --self-contained -p:PublishReadyToRun=true -p:RestoreLockedMode=true -o "$output"
