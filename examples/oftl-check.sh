#!/bin/sh
# Check a plan file from cron or any CI system; the exit code is oftl's:
#   0 all dates within their rules, 1 a statutory date missed or due soon
#   (or, with --strict, any warning), 2 the plan file is wrong (the message says where).
# Usage: examples/oftl-check.sh [PLAN] [extra oftl options...]
# For cron, e.g. every weekday at 7am, mailing the output when the check fails:
#   0 7 * * 1-5  cd /srv/plans && ./oftl-check.sh barnet-plan.toml || mail -s "oftl check failed" team@example.org < check.log
set -u
plan="${1:-examples/barnet-plan.toml}"
[ "$#" -gt 0 ] && shift
oftl check "$plan" --due-within 10 "$@" > check.log 2>&1
status=$?
cat check.log
case "$status" in
    0) echo "oftl check: all dates within their rules" ;;
    1) echo "oftl check: a statutory date needs attention (see above)" >&2 ;;
    *) echo "oftl check: the plan file could not be checked (see above)" >&2 ;;
esac
exit "$status"
