#!/usr/bin/env bash
# charter against what a user would run instead for the same site: Hugo, then Pagefind for the
# search index, timed as one job. Clean builds into an empty folder (the deploy case), in pairs.
#
#   benches/compare-hugo.sh                  # N = 100, 1000 and 5000 documents × 2 languages
#   benches/compare-hugo.sh 100 1000         # chosen sizes
#   RUNS=9 benches/compare-hugo.sh 1000      # pairs per size (default 5), after WARMUP (1) pair
#   SETTLE=0 benches/compare-hugo.sh         # seconds to wait after removing an output (default 6)
#   TMPDIR=/dev/shm benches/compare-hugo.sh  # everything in memory: no file-system noise
#   CHARTER=/path/to/charter benches/compare-hugo.sh 1000
#                                            # another charter binary (default: this repository's,
#                                            # built with cargo build --release)
#
# Needs cargo, node and npm. Hugo is Debian's `hugo` (installed with GNU time if missing);
# Pagefind is the npm package pinned in benches/package.json and package-lock.json (`npm ci`
# in benches/ when benches/node_modules is missing).
#
# For each N: writes the synthetic corpus (cargo run --release --example corpus -- N DIR) and
# a Hugo site over the same Markdown files (Hugo reads the `+++` front matter and the
# `.fr.md`/`.en.md` suffixes natively; minimal templates: a page per document and language,
# a list per section, `<html lang>` so that Pagefind makes an index per language). Then RUNS
# pairs, alternating: `charter build`, then `hugo --quiet --destination public && pagefind
# --site public --silent` as one shell job. Before each run the output is removed,
# so every run is a first build into an empty folder. The run
# then waits SETTLE seconds, untimed: ext4 without a journal (these machines' root file system)
# passes over inodes freed in the last 5 seconds when it creates a file or folder, so a build
# started right after the removal of 40,000 files pays for them, which a fresh clone does not.
#
# Each run is timed as a whole by GNU time (`/usr/bin/time -f "%e %M"`): wall seconds and peak
# resident memory. For the Hugo + Pagefind job the peak is that of the larger of the two
# processes (the kernel's maximum RSS over the job's processes), not their sum.
#
# Prints per N and tool: files in public/ (find -type f), its bytes (du -sb: the files' sizes
# and 4,096 for each folder; Pagefind's public/pagefind/ apart too), the median wall time with the fastest and slowest run, and
# the peak memory (the largest of the runs); then the ratios charter / (Hugo + Pagefind): the
# median of the pair-by-pair time ratios, the memory ratio and the bytes ratio. charter's
# figures include everything it writes: paragraph anchors, parallel views, state pages,
# backlinks, its search index, sitemap, feeds and open data; Hugo writes no sitemap or feed.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(100 1000 5000)
RUNS=${RUNS:-5}
WARMUP=${WARMUP:-1}
SETTLE=${SETTLE:-6}

if ! command -v hugo >/dev/null 2>&1 || [ ! -x /usr/bin/time ]; then
  echo "installing hugo and GNU time (Debian packages)…" >&2
  apt-get update -qq && apt-get install -y -qq hugo time >/dev/null
fi
if [ ! -x benches/node_modules/.bin/pagefind ]; then
  echo "installing Pagefind (npm ci in benches/)…" >&2
  (cd benches && npm ci --no-audit --no-fund --silent)
fi
PAGEFIND="$ROOT/benches/node_modules/.bin/pagefind"

cargo build --release --quiet --example corpus
CORPUS="$ROOT/target/release/examples/corpus"
if [ -n "${CHARTER:-}" ]; then
  CHARTER=$(realpath "$CHARTER")
else
  cargo build --release --quiet
  CHARTER="$ROOT/target/release/charter"
fi

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# Hugo + Pagefind as one job, as a deploy script would run them.
cat > "$WORK/hugo-pagefind" <<SH
#!/bin/sh
hugo --quiet --destination public && "$PAGEFIND" --site public --silent
SH
chmod +x "$WORK/hugo-pagefind"

# Minimal Hugo templates: the same pages a reader needs (a page per text and language,
# a list per section), no theme.
hugo_site() {
  local dir=$1
  mkdir -p "$dir/layouts/_default"
  cat > "$dir/hugo.toml" <<'TOML'
baseURL = "https://example.org/"
defaultContentLanguage = "fr"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT"]
[languages.fr]
weight = 1
title = "Corpus"
[languages.en]
weight = 2
title = "Corpus"
[markup.goldmark.renderer]
unsafe = false
TOML
  cat > "$dir/layouts/_default/baseof.html" <<'HTML'
<!doctype html><html lang="{{ .Language.Lang }}"><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body>{{ block "main" . }}{{ end }}</body></html>
HTML
  cat > "$dir/layouts/_default/single.html" <<'HTML'
{{ define "main" }}<article><h1>{{ .Title }}</h1>{{ .Content }}</article>{{ end }}
HTML
  cat > "$dir/layouts/_default/list.html" <<'HTML'
{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
HTML
}

# One clean build in folder $1 of command $2…: removes the output first (and Hugo's cache of
# generated resources), waits SETTLE seconds, prints "seconds kb".
run() {
  local dir=$1; shift
  rm -rf "$dir/public" "$dir"/.public.* "$dir/resources"
  sleep "$SETTLE"
  if ! (cd "$dir" && /usr/bin/time -f "%e %M" -o "$WORK/time" "$@" >"$WORK/log" 2>&1); then
    echo "failed in $dir: $*" >&2; cat "$WORK/log" >&2; exit 1
  fi
  tail -1 "$WORK/time"
}

median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
files() { find "$1" -type f | wc -l; }
bytes() { du -sb "$1" | cut -f1; }

printf '\n%-6s %-15s %8s %10s %16s %22s %10s\n' \
  "N" "tool" "files" "MiB out" "(pagefind/ MiB)" "median s (min–max)" "peak MiB"
for n in "${SIZES[@]}"; do
  site="$WORK/corpus-$n"
  "$CORPUS" "$n" "$site" >/dev/null
  hugo_dir="$WORK/hugo-$n"
  hugo_site "$hugo_dir"
  cp -r "$site/content" "$hugo_dir/content"

  for _ in $(seq "$WARMUP"); do
    run "$site" "$CHARTER" build >/dev/null
    run "$hugo_dir" "$WORK/hugo-pagefind" >/dev/null
  done
  c_times=() h_times=() ratios=() c_rss=0 h_rss=0
  for _ in $(seq "$RUNS"); do
    c=$(run "$site" "$CHARTER" build); ct=${c% *} cr=${c#* }
    h=$(run "$hugo_dir" "$WORK/hugo-pagefind"); ht=${h% *} hr=${h#* }
    c_times+=("$ct"); h_times+=("$ht")
    ratios+=("$(awk -v c="$ct" -v h="$ht" 'BEGIN { print (h > 0 ? c / h : 0) }')")
    [ "$cr" -gt "$c_rss" ] && c_rss=$cr
    [ "$hr" -gt "$h_rss" ] && h_rss=$hr
  done

  # Pagefind writes one fragment per page it indexed: none means it indexed nothing.
  indexed=$(find "$hugo_dir/public/pagefind" -path '*/fragment/*' -type f | wc -l)
  if [ "$indexed" -eq 0 ]; then echo "Pagefind indexed no page at N = $n" >&2; exit 1; fi

  awk -v n="$n" -v runs="$RUNS" -v indexed="$indexed" \
      -v cfiles="$(files "$site/public")" -v cbytes="$(bytes "$site/public")" \
      -v hfiles="$(files "$hugo_dir/public")" -v hbytes="$(bytes "$hugo_dir/public")" \
      -v pbytes="$(bytes "$hugo_dir/public/pagefind")" \
      -v ct="$(printf '%s\n' "${c_times[@]}" | median)" \
      -v cmin="$(printf '%s\n' "${c_times[@]}" | sort -g | head -1)" \
      -v cmax="$(printf '%s\n' "${c_times[@]}" | sort -g | tail -1)" \
      -v ht="$(printf '%s\n' "${h_times[@]}" | median)" \
      -v hmin="$(printf '%s\n' "${h_times[@]}" | sort -g | head -1)" \
      -v hmax="$(printf '%s\n' "${h_times[@]}" | sort -g | tail -1)" \
      -v ratio="$(printf '%s\n' "${ratios[@]}" | median)" \
      -v cr="$c_rss" -v hr="$h_rss" 'BEGIN {
    MiB = 1024 * 1024
    printf "%-6s %-15s %8d %10.1f %16s %8.2f (%.2f–%.2f) %10.0f\n", n, "charter",
      cfiles, cbytes / MiB, "", ct, cmin, cmax, cr / 1024
    printf "%-6s %-15s %8d %10.1f %16.1f %8.2f (%.2f–%.2f) %10.0f\n", n, "hugo+pagefind",
      hfiles, hbytes / MiB, pbytes / MiB, ht, hmin, hmax, hr / 1024
    printf "%-6s %-15s %8s %9.2f× %16s %8.2f× paired     %9.2f×\n", n, "charter/(h+p)",
      "", cbytes / hbytes, "", ratio, cr / hr
    printf "       (%d pair%s; Pagefind indexed %d pages)\n", runs, (runs == 1 ? "" : "s"), indexed
  }'
  rm -rf "$site" "$hugo_dir"
done
