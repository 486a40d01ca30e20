# submit/bench-tables.sh — `submit/bench --check` and `submit/bench --readme`, sourced by submit/bench
# (which sets ROOT, HERE, CP, JVM_FLAGS, LOG_CONF, data). Not meant to be run by itself.

# Runs KernelBench with THREADS threads for SECONDS seconds per size; prints its lines.
kernel_run() {
  local threads="$1" seconds="$2"
  shift 2
  java "${JVM_FLAGS[@]}" -Xmx4g -Dbench.threads="$threads" -Dbench.seconds="$seconds" -cp "$CP" \
    io.sparkem.bench.KernelBench "$@" 2> >(grep -v 'incubator' >&2)
}

# GFLOP/s of the kernel line for d and k in a KernelBench output file.
kernel_gflops() {
  awk -v d="$2" -v k="$3" '$1 == "kernel" && $3 == "d=" d && $4 == "k=" k ":" {
    for (i = 1; i <= NF; i++) if ($i == "GFLOP/s") g = $(i - 1) } END { print g }' "$1"
}

# "ns/row, GFLOP/s" of the kernel line for d and k.
kernel_cell() {
  awk -v d="$2" -v k="$3" '$1 == "kernel" && $3 == "d=" d && $4 == "k=" k ":" {
    for (i = 1; i <= NF; i++) { if ($i == "ns/row") ns = $(i - 1); if ($i == "GFLOP/s") g = $(i - 1) } }
    END { printf "%s ns/row, %s GFLOP/s", ns, g }' "$1"
}

# Generates data set gmm-N-D-K under $data once.
ensure_data() {
  local n d k out
  n=$(awk -v v="$1" 'BEGIN{printf "%d", v}')
  d="$2"
  k="$3"
  out="$data/gmm-$n-$d-$k"
  if [[ ! -f "$out/_SUCCESS" ]]; then
    echo "== generating $out ==" >&2
    "$HERE/em" generate --output "$out" --n "$n" --k "$k" --dimension "$d" --seed 42 --format csv --overwrite >/dev/null
  fi
}

# MllibBench on SIZES ("N,D,K;...") for ITERS iterations, SCALING ("N,D,K" or none); output to stdout.
mllib_run() {
  java "${JVM_FLAGS[@]}" -Xmx16g "$LOG_CONF" -cp "$CP" \
    -Dbench.data="$data" -Dbench.sizes="$1" -Dbench.iters="$2" -Dbench.scaling="$3" \
    io.sparkem.bench.MllibBench 2> >(grep -v 'incubator' >&2)
}

# The commit the figures describe: short hash, "+changes" when the sources differ from it.
bench_commit() {
  local c
  c=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
  if [[ -n "$(git -C "$ROOT" status --porcelain -- src pom.xml 2>/dev/null)" ]]; then
    c="$c+changes"
  fi
  echo "$c"
}

# Checks each figure given as "name value" lines on stdin against submit/bench-floors; exit 1 past a bound.
check_floors() {
  awk -v floors="$HERE/bench-floors" '
    BEGIN {
      while ((getline line < floors) > 0) {
        if (line ~ /^#/ || line ~ /^[ \t]*$/) continue
        split(line, f, /[ \t]+/)
        bound[f[1]] = f[2]; target[f[1]] = f[3]; unit[f[1]] = f[4]; kind[f[1]] = f[5]
      }
      printf "%-24s %12s %10s %10s  %s\n", "figure", "measured", "bound", "target", "verdict"
    }
    {
      name = $1; v = $2
      if (!(name in bound)) { printf "%-24s %12s  (no bound in bench-floors)\n", name, v; next }
      ok = (v != "" && v != "NaN") && (kind[name] == "max" ? v + 0 <= bound[name] + 0 : v + 0 >= bound[name] + 0)
      tgt = (kind[name] == "max" ? v + 0 <= target[name] + 0 : v + 0 >= target[name] + 0)
      verdict = ok ? (tgt ? "ok, target met" : "ok (target not met)") : "BELOW FLOOR"
      if (!ok) failed = 1
      printf "%-24s %12s %10s %10s  %s %s\n", name, v, bound[name], target[name], unit[name], verdict
    }
    END { exit failed }'
}

# submit/bench --check.
bench_check() {
  local out="$ROOT/target/bench-check"
  mkdir -p "$out" "$data"
  ensure_data 1e6 10 5
  local t0=$SECONDS
  echo "== kernel (KernelBench, 2 s per size) =="
  kernel_run 1 2 1000000,10,5 1000000,20,8 | tee "$out/kernel-1.out"
  kernel_run 2 2 1000000,10,5 | tee "$out/kernel-2.out"
  echo "== spark-em against MLlib, n=1e6 d=10 k=5, 5 iterations (MllibBench) =="
  mllib_run "1e6,10,5" 5 none | tee "$out/mllib.out"
  {
    echo "kernel_d10_k5_1thread $(kernel_gflops "$out/kernel-1.out" 10 5)"
    echo "kernel_d10_k5_2threads $(kernel_gflops "$out/kernel-2.out" 10 5)"
    echo "kernel_d20_k8_1thread $(kernel_gflops "$out/kernel-1.out" 20 8)"
    awk -F'|' '$2 ~ /n=1e\+06 d=10 k=5/ { r = $6; gsub(/[ ×]/, "", r); print "mllib_ratio_1e6_10_5", r
      split($7, t, ","); m = 0; for (i in t) { v = t[i]; gsub(/ /, "", v); if (v + 0 > m) m = v + 0 }
      print "theta_agreement", m }' "$out/mllib.out"
  } > "$out/figures"
  echo "== check against submit/bench-floors (commit $(bench_commit), $((SECONDS - t0)) s) =="
  check_floors < "$out/figures"
}

# Replaces the lines between <!-- bench:NAME --> and <!-- /bench:NAME --> in FILE by CONTENT's
# lines; a file without the markers is left alone (returns 1).
write_block() {
  local file="$1" name="$2" content="$3"
  [[ -f "$file" ]] && grep -q "<!-- bench:$name -->" "$file" && grep -q "<!-- /bench:$name -->" "$file" || return 1
  awk -v name="$name" -v content="$content" '
    $0 ~ "<!-- bench:" name " -->" { print; while ((getline l < content) > 0) print l; skip = 1; next }
    $0 ~ "<!-- /bench:" name " -->" { skip = 0 }
    !skip { print }' "$file" > "$file.tmp" && mv "$file.tmp" "$file"
}

# submit/bench --readme SECTIONS.
bench_readme() {
  local sections=",$1," out="$ROOT/target/bench-readme" doc="$ROOT/docs/performance.md"
  local commit stamp machine
  mkdir -p "$out" "$data"
  commit=$(bench_commit)
  machine="$(nproc) cores, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo), Java $(java -version 2>&1 | awk -F'"' 'NR==1{print $2}')"
  stamp() { echo "_Measured $(date -u '+%Y-%m-%d %H:%M UTC') at commit \`$commit\` with \`submit/bench --readme $1\` ($machine)._"; }
  if [[ "$sections" == *,kernel,* ]]; then
    echo "== kernel (KernelBench, 3 s per size) =="
    kernel_run 1 3 100000,2,3 1000000,10,5 2000000,20,8 | tee "$out/kernel-1.out"
    kernel_run 2 3 100000,2,3 1000000,10,5 2000000,20,8 | tee "$out/kernel-2.out"
    {
      echo "| kernel (blocks as cached) | 1 thread | 2 threads |"
      echo "|---|---|---|"
      for s in "1e5 2 3" "1e6 10 5" "2e6 20 8"; do
        set -- $s
        echo "| n=$1 d=$2 k=$3 | $(kernel_cell "$out/kernel-1.out" "$2" "$3") | $(kernel_cell "$out/kernel-2.out" "$2" "$3") |"
      done
      echo
      stamp kernel
    } > "$out/kernel.md"
    write_block "$doc" kernel "$out/kernel.md"
  fi
  if [[ "$sections" == *,mllib,* ]]; then
    for s in "1e5 2 3" "1e6 10 5" "2e6 20 8"; do ensure_data $s; done
    echo "== spark-em against MLlib (MllibBench, 10 iterations) =="
    mllib_run "1e5,2,3;1e6,10,5;2e6,20,8" 10 "1e6,10,5" | tee "$out/mllib.out"
    {
      grep '^|' "$out/mllib.out"
      echo
      grep '^(' "$out/mllib.out" || true
      grep '^warm-up' "$out/mllib.out" | sed 's/^w/W/' || true
      grep '^scaling' "$out/mllib.out" | sed 's/^/Cores: /' || true
      echo
      stamp mllib
    } > "$out/mllib.md"
    write_block "$doc" mllib "$out/mllib.md"
    {
      echo "| data | spark-em s/iter | MLlib s/iter | MLlib / spark-em | measured |"
      echo "|---|---|---|---|---|"
      awk -F'|' -v when="$(date -u +%Y-%m-%d)" -v c="$commit" '$2 ~ /n=1e\+06 d=10 k=5/ {
        gsub(/^ +| +$/, "", $4); gsub(/^ +| +$/, "", $5); gsub(/^ +| +$/, "", $6)
        printf "| n=1e6 d=10 k=5, full covariance | %s | %s | %s | %s, commit %s |\n", $4, $5, $6, when, c }' "$out/mllib.out"
    } > "$out/headline.md"
    write_block "$ROOT/README.md" headline "$out/headline.md" || echo "(README.md has no bench:headline block)"
  fi
  if [[ "$sections" == *,scaling,* ]]; then
    echo "== scaling with n and cores (ScalingBench 1e6,1e7) =="
    java "${JVM_FLAGS[@]}" -Xmx12g "$LOG_CONF" -cp "$CP" io.sparkem.bench.ScalingBench 10 1e6,1e7 \
      2> >(grep -v 'incubator' >&2) | tee "$out/scaling.out"
    {
      echo "| master | data | s/iter | ns/row |"
      echo "|---|---|---|---|"
      sed -n '/== scaling summary ==/,$p' "$out/scaling.out" | awk 'NF >= 7 && $1 ~ /^local/ {
        printf "| %s | %s %s %s | %s | %s |\n", $1, $2, $3, $4, $5, $7 }'
      awk '/== scaling summary ==/ { on = 1; next } on && $1 ~ /^local/ { s[$1 " " $2] = $5 }
        END { for (key in s) if (key ~ /^local\[2\]/) { n = substr(key, 10); one = s["local[1] " n]
          if (one != "") printf "\nlocal[1] / local[2] at %s: %.2f×\n", n, one / s[key] } }' "$out/scaling.out"
      echo
      stamp scaling
    } > "$out/scaling.md"
    write_block "$doc" scaling "$out/scaling.md"
  fi
  if [[ "$sections" == *,shared,* ]]; then
    echo "== fits sharing passes (SharedPassesBench 1e6) =="
    java "${JVM_FLAGS[@]}" -Xmx12g "$LOG_CONF" -cp "$CP" io.sparkem.bench.SharedPassesBench 1e6 \
      2> >(grep -v 'incubator' >&2) | tee "$out/shared.out"
    {
      echo '```'
      sed -n '/== shared passes summary ==/,$p' "$out/shared.out" | tail -n +2
      echo '```'
      echo
      stamp shared
    } > "$out/shared.md"
    write_block "$doc" shared "$out/shared.md"
  fi
  echo "== tables written to $doc (commit $commit) =="
}
