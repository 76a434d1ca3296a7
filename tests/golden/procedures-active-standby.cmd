runbook @ --format json -o -
