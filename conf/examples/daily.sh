#!/usr/bin/env bash
# One day of a scheduled pipeline (docs/pipeline.md, "In a pipeline"): score today's batch against the
# current model, alert and stop if it no longer looks like the training data, else fold it in.
#   conf/examples/daily.sh DAY      (reads data/DAY.csv and the model named in models/CURRENT)
# Exit 0: folded in (or already folded in: a rerun of a day never counts it twice); 3: alert.
set -euo pipefail
EM="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/submit/em"
day="$1"
if [[ -d "models/$day" ]]; then
  echo "$day: already folded into models/$day"
  exit 0
fi
model="$(cat models/CURRENT)"
mkdir -p reports
"$EM" score --model "$model" --input "data/$day.csv" --output "reports/$day.json" --overwrite \
  | jq -c '{day: "'"$day"'", records, meanLogLikelihood, below1pct: .belowTrainingQuantile["0.01"]}'
# The alert: more than 5% of today's records below the training data's 1% log-density quantile.
if jq -e '.belowTrainingQuantile["0.01"] > 0.05' "reports/$day.json" > /dev/null; then
  echo "ALERT $day: $(jq '.belowTrainingQuantile["0.01"]' "reports/$day.json") of the records lie below the" \
    "training data's 1% quantile; not folded into $model"
  exit 3
fi
"$EM" update --model "$model" --input "data/$day.csv" --output "models/$day" \
  | jq -c '{day: "'"$day"'", output, iterations, logLikelihood}'
echo "models/$day" > models/CURRENT
