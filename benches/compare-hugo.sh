#!/usr/bin/env bash
# charter against Hugo on the same synthetic bilingual corpus, side by side in one run.
#
#   benches/compare-hugo.sh                # N = 100, 1000 and 5000 documents × 2 languages
#   benches/compare-hugo.sh 100 1000       # chosen sizes
#
# For each N: writes the corpus (cargo run --example corpus), builds it with `charter build`
# and with Hugo (Debian's hugo, installed if missing; minimal comparable templates: one page
# per document and language, lists per section), each first into an empty folder, then RUNS
# times more into the same folder, and prints the first build's wall time, the median wall
# time of the builds after it, the peak memory (GNU time's maximum RSS, over all builds) and
# pages per second of each, and the ratios charter/Hugo. charter's figures include everything
# it does: paragraph anchors, parallel views, state mentions, backlinks, search index,
# sitemap, feeds and open data.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(100 1000 5000)
RUNS=${RUNS:-3}

if ! command -v hugo >/dev/null 2>&1 || [ ! -x /usr/bin/time ]; then
  echo "installing hugo and GNU time (Debian packages)…" >&2
  apt-get update -qq && apt-get install -y -qq hugo time >/dev/null
fi
cargo build --release --quiet --example corpus
cargo build --release --quiet
CHARTER="$PWD/target/release/charter"
CORPUS="$PWD/target/release/examples/corpus"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

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

# Runs a build once into an empty folder, then RUNS times more, as a site is rebuilt;
# prints "first_seconds median_seconds max_rss_kb" (the median of the builds after the first).
measure() {
  local times=() rss=0 first=""
  for _ in $(seq 0 "$RUNS"); do
    local out
    /usr/bin/time -f "%e %M" -o "$WORK/time" "$@" >/dev/null 2>&1
    out=$(tail -1 "$WORK/time")
    if [ -z "$first" ]; then first=${out%% *}; else times+=("${out%% *}"); fi
    local r=${out##* }
    [ "$r" -gt "$rss" ] && rss=$r
  done
  local median
  median=$(printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  echo "$first $median $rss"
}

count_pages() { find "$1" -name '*.html' | wc -l; }

printf '\n%-6s %-8s %9s %9s %10s %9s %11s\n' "N" "tool" "pages" "first s" "median s" "peak MB" "pages/s"
for n in "${SIZES[@]}"; do
  site="$WORK/corpus-$n"
  "$CORPUS" "$n" "$site" >/dev/null
  read -r c_first c_time c_rss < <(cd "$site" && measure "$CHARTER" build)
  c_pages=$(count_pages "$site/public")

  hugo_dir="$WORK/hugo-$n"
  hugo_site "$hugo_dir"
  cp -r "$site/content" "$hugo_dir/content"
  read -r h_first h_time h_rss < <(cd "$hugo_dir" && measure hugo --quiet --destination public)
  h_pages=$(count_pages "$hugo_dir/public")

  awk -v n="$n" -v cf="$c_first" -v ct="$c_time" -v cr="$c_rss" -v cp="$c_pages" \
      -v hf="$h_first" -v ht="$h_time" -v hr="$h_rss" -v hp="$h_pages" 'BEGIN {
    printf "%-6s %-8s %9d %9.2f %10.2f %9.0f %11.0f\n", n, "charter", cp, cf, ct, cr/1024, cp/ct;
    printf "%-6s %-8s %9d %9.2f %10.2f %9.0f %11.0f\n", n, "hugo", hp, hf, ht, hr/1024, hp/ht;
    printf "%-6s %-8s %9s %9.2f %10.2f %9.2f\n", n, "ratio", "", cf/hf, ct/ht, cr/hr;
  }'
  rm -rf "$site" "$hugo_dir"
done
