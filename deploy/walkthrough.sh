#!/usr/bin/env bash
# `make walkthrough`: the README's walkthrough, run. Every ```sh block of the README's
# "Calling the API" section is run in order, in this one shell (a block sets what the next
# ones use), against a running `make run`. The README is the script, so the two cannot drift:
# a block that stops working fails this, and the end-to-end test runs it in CI
# (tests/e2e/test_walkthrough.py).
#
# Every `curl` of the blocks goes through the function below: an answer outside 2xx, or
# outside what `EXPECT=...` before the call names, stops the walkthrough with the step, the
# request and the answer. GW (the gateway) and DATA (make run's data directory) may point at
# another suite.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
README=${README:-$ROOT/README.md}
SECTION=${SECTION:-Calling the API}
DATA=${DATA:-$ROOT/.data}
STEP=""
# The files the blocks write (join.png, members.csv ...) go to a directory of their own.
WORKDIR=$(mktemp -d)
trap 'rm -rf "$WORKDIR"' EXIT

# A failed call may sit in a pipeline or a command substitution that would swallow its
# status: it signals the walkthrough itself, which stops.
trap 'exit 1' USR1
# Any other command of a block that fails (a `jq -e` check, a missing file) names the step too.
trap 'printf "\nwalkthrough failed at %s: %s\n" "$STEP" "$BASH_COMMAND" >&2' ERR

curl() {
  local answer trailer status request expected attempt=1 wait
  answer=$(mktemp)
  # 503 with Retry-After is the suite's "try again shortly" (a database that did not answer in
  # time, on a busy machine): asked again as a client should, twice at most.
  while _send "$answer" "$@" && [ "$(_status "$answer")" = 503 ] && [ $attempt -lt 3 ]; do
    wait=$(grep -i '^retry-after:' "$answer.headers" | tr -dc 0-9)
    printf '  %s → 503, asked again in %ss\n' "$(_url "$@")" "${wait:-1}" >&2
    sleep "${wait:-1}"
    attempt=$((attempt + 1))
  done
  rm -f "$answer.headers"
  if [ ! -s "$answer" ]; then
    # The arguments are not shown: they hold tokens.
    printf '\nwalkthrough failed at %s: a request to %s got no whole answer\n' \
      "$STEP" "$(_url "$@")" >&2
    rm -f "$answer"
    kill -USR1 $$
    exit 1
  fi
  trailer=$(tail -n 1 "$answer")
  status=${trailer%% *}
  request=${trailer#* }
  request=${request/"${GW:-}"/}
  expected=${EXPECT:-2xx}
  # The body is all but the trailer and the newline before it.
  head -c "-$(($(tail -n 1 "$answer" | wc -c) + 1))" "$answer" >"$answer.body"
  rm -f "$answer"
  if ! _expected "$status" "$expected"; then
    printf '\nwalkthrough failed at %s:\n  %s answered %s (expected %s)\n' \
      "$STEP" "$request" "$status" "$expected" >&2
    head -c 2000 "$answer.body" >&2
    printf '\n' >&2
    rm -f "$answer.body"
    kill -USR1 $$
    exit 1
  fi
  printf '  %s → %s\n' "$request" "$status" >&2
  cat "$answer.body"
  # An answer that ends without a newline would run into the next line shown.
  if [ -s "$answer.body" ] && [ "$(tail -c 1 "$answer.body" | od -An -c | tr -d ' ')" != '\n' ]; then
    printf '\n'
  fi
  rm -f "$answer.body"
}

_send() {
  local answer=$1
  shift
  command curl -sS -D "$answer.headers" -w '\n%{http_code} %{method} %{url_effective}' "$@" \
    >"$answer" || : >"$answer"
}

_status() {
  tail -n 1 "$1" | cut -d' ' -f1
}

_url() {
  local arg
  for arg in "$@"; do
    [[ $arg == http* ]] && echo "${arg/"${GW:-}"/}" && return
  done
}

# `2xx` is any success; `EXPECT="201 409"` either of two.
_expected() {
  local pattern
  for pattern in $2; do
    # shellcheck disable=SC2053  # the pattern is meant to match as a glob
    [[ $1 == ${pattern//x/?} ]] && return 0
  done
  return 1
}

# The ```sh blocks of the section, each with its README line and heading.
blocks=() lines=() headings=()
in_section=false in_block=false heading="" number=0 block=""
while IFS= read -r line || [ -n "$line" ]; do
  number=$((number + 1))
  if ! $in_block && [[ $line == "## "* ]]; then
    [[ $line == "## $SECTION" ]] && in_section=true || in_section=false
  fi
  $in_section || continue
  if $in_block; then
    if [[ $line == '```' ]]; then
      blocks+=("$block")
      in_block=false
    else
      block+="$line"$'\n'
    fi
  elif [[ $line == '```sh' ]]; then
    in_block=true block=""
    lines+=("$((number + 1))")
    headings+=("$heading")
  elif [[ $line == "#"* ]]; then
    heading=${line##*#}
    heading=${heading# }
  fi
done <"$README"

if [ ${#blocks[@]} -eq 0 ]; then
  echo "walkthrough: no \`\`\`sh block under \"## $SECTION\" in $README" >&2
  exit 1
fi

cd "$WORKDIR"
for i in "${!blocks[@]}"; do
  STEP="$(basename "$README"):${lines[i]} ($((i + 1))/${#blocks[@]}, ${headings[i]})"
  printf '\n── %s\n' "$STEP" >&2
  eval "${blocks[i]}"
done
printf '\nwalkthrough: all %d steps of %s answered as expected\n' "${#blocks[@]}" "$(basename "$README")" >&2
