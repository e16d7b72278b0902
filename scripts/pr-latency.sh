#!/usr/bin/env bash
# Replays the pull-request path of .github/workflows/validate.yml on this machine and prints the seconds of each part:
# a clean checkout of the committed HEAD, getting the program as action.yml does, validate, and plan against the base,
# for a pull request that edits one manifest (as business development's do).
#
#   scripts/pr-latency.sh [hit|miss|today] [--runs N] [--cache DIR]
#
#   hit    (default) the program is unpacked from the cache: a folder packed with tar and zstd as actions/cache packs
#          it, under a key that hashes the files action.yml hashes. An empty cache is filled first, not counted.
#   miss   the program is published as action.yml does on a cache miss (scripts/publish-cli.sh, the NuGet packages
#          already on this machine, as setup-dotnet's cache gives them), then packed into the cache.
#   today  as the workflow ran before action.yml: dotnet run builds the CLI from source for validate, then plan runs
#          with --no-build.
#
# Each run starts from a fresh clone in a temporary folder; the last line gives the median of each part over the runs.
# Not replayed: the runner starting the job, downloading the actions, and the cache's network transfer (docs/benchmarks.md).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
scenario=hit
runs=3
cache="$root/.bench/pr-latency"
while [ $# -gt 0 ]; do
  case "$1" in
    hit | miss | today) scenario="$1" ;;
    --runs) runs="${2:?--runs needs a number}"; shift ;;
    --cache) cache="${2:?--cache needs a folder}"; shift ;;
    *) echo "usage: scripts/pr-latency.sh [hit|miss|today] [--runs N] [--cache DIR]" >&2; exit 2 ;;
  esac
  shift
done
mkdir -p "$cache"
cache="$(cd "$cache" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

now() { date +%s.%N; }
seconds() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { printf "%.2f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# The cache key: the files action.yml hashes (its hashFiles patterns, read from it), by their content in git.
cache_key() {
  local patterns=() pattern
  while IFS= read -r pattern; do
    if [[ "$pattern" == !* ]]; then
      patterns+=(":(glob,exclude)${pattern#!}")
    else
      patterns+=(":(glob)$pattern")
    fi
  done < <(grep -o "hashFiles([^)]*)" action.yml | grep -o "'[^']*'" | tr -d "'")
  echo "onboarding-cli-linux-x64-$(git ls-files -s -- "${patterns[@]}" | sha256sum | cut -c1-64)"
}

if command -v zstd > /dev/null; then
  pack() { tar -cf - -C "$1" . | zstd -q -T0 --long=30 -o "$2"; }
  unpack() { mkdir -p "$2" && zstd -q -d --long=30 -c "$1" | tar -xf - -C "$2"; }
  archive=tar.zst
else
  pack() { tar -czf "$2" -C "$1" .; }
  unpack() { mkdir -p "$2" && tar -xzf "$1" -C "$2"; }
  archive=tar.gz
fi

# A fresh clone of HEAD at $work/checkout, plus the pull request's commit (an edited long name) on top of it.
checkout() {
  rm -rf "$work/checkout" "$work/onboarding-cli"
  git clone --quiet --no-hardlinks "$root" "$work/checkout"
}
open_pull_request() {
  local manifest
  manifest="$(git ls-files 'communities/*.yaml' | head -1)"
  sed -i 's/^long_name: \(.*\)$/long_name: \1 (renamed)/' "$manifest"
  git -c user.name=latency -c user.email=latency@localhost commit --quiet -am "Rename one community"
}

# Gets the program into $work/onboarding-cli as action.yml does; prints where it went ("published" or "restored").
get_program() {
  local key file
  key="$(cache_key)"
  file="$cache/$key.$archive"
  if [ "$1" = hit ] && [ -f "$file" ]; then
    unpack "$file" "$work/onboarding-cli"
    echo restored
  else
    bash scripts/publish-cli.sh "$work/onboarding-cli" > "$work/publish.log" 2>&1 || { cat "$work/publish.log" >&2; return 1; }
    pack "$work/onboarding-cli" "$file.partial" && mv "$file.partial" "$file"
    echo published
  fi
}

run_validate() {
  if [ "$scenario" = today ]; then
    dotnet run --project src/Onboarding.Cli -c Release -- validate > "$work/validate.txt" 2>&1
  else
    "$work/onboarding-cli/onboarding" validate > "$work/validate.txt" 2>&1
  fi || { cat "$work/validate.txt" >&2; echo "validate failed" >&2; return 1; }
}
run_plan() {
  if [ "$scenario" = today ]; then
    dotnet run --no-build --project src/Onboarding.Cli -c Release -- plan --base "$1" > "$work/plan.txt" 2>&1
  else
    "$work/onboarding-cli/onboarding" plan --base "$1" > "$work/plan.txt" 2>&1
  fi || { cat "$work/plan.txt" >&2; echo "plan failed" >&2; return 1; }
}

if [ "$scenario" = hit ]; then
  checkout
  (cd "$work/checkout" && [ -f "$cache/$(cache_key).$archive" ]) || {
    echo "The cache has no program built from these sources: filling it (a miss, not counted) ..."
    (cd "$work/checkout" && get_program miss > /dev/null)
  }
fi

echo "pull-request path, $scenario, $runs run(s), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
all_checkout=() all_program=() all_validate=() all_plan=() all_total=()
for run in $(seq 1 "$runs"); do
  t0="$(now)"
  checkout
  cd "$work/checkout"
  t1="$(now)"
  base="$(git rev-parse HEAD)"
  open_pull_request
  t1b="$(now)"
  if [ "$scenario" = today ]; then
    got="built by dotnet run"
  else
    got="$(get_program "$scenario")"
  fi
  t2="$(now)"
  run_validate
  t3="$(now)"
  run_plan "$base"
  t4="$(now)"
  cd "$root"

  checkout_s="$(seconds "$t0" "$t1")"
  # The program's part of "today" is inside validate (dotnet run builds first), so it is counted there.
  program_s="$(seconds "$t1b" "$t2")"
  validate_s="$(seconds "$t2" "$t3")"
  plan_s="$(seconds "$t3" "$t4")"
  total_s="$(awk -v a="$checkout_s" -v b="$program_s" -v c="$validate_s" -v d="$plan_s" 'BEGIN { printf "%.2f", a + b + c + d }')"
  echo "run $run: checkout ${checkout_s} s, program ${program_s} s ($got), validate ${validate_s} s, plan ${plan_s} s, total ${total_s} s"
  all_checkout+=("$checkout_s") all_program+=("$program_s") all_validate+=("$validate_s") all_plan+=("$plan_s") all_total+=("$total_s")
done

echo "plan: $(grep -m1 '^Plan:' "$work/plan.txt" || tail -1 "$work/plan.txt")"
echo "median: checkout $(median "${all_checkout[@]}") s, program $(median "${all_program[@]}") s, validate $(median "${all_validate[@]}") s, plan $(median "${all_plan[@]}") s, total $(median "${all_total[@]}") s"
