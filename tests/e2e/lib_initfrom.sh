# Shared by t175 and t176 (folio init --from): sourced after lib.sh.

# tree_sums DIR: the checksum of every file under DIR but folio.yaml and
# schemas/ (what init --from writes), sorted by path.
tree_sums() {
	(cd "$1" && find . -type f ! -path ./folio.yaml ! -path './schemas/*' -print0 \
		| LC_ALL=C sort -z | xargs -0 sha256sum)
}

# pages_share CHECK_TEXT PAGES...: prints "built unchanged: N of M pages (P %)",
# the pages (site paths) without an error in the text report of folio check.
pages_share() {
	local report=$1
	shift
	python3 - "$report" "$@" <<'PY'
import re, sys
report = open(sys.argv[1], encoding="utf-8").read()
pages = sys.argv[2:]
refused = {p for p in pages if re.search(r"^" + re.escape(p) + r":\S* error:", report, re.M)}
n = len(pages)
print("built unchanged: %d of %d pages (%.1f %%); refused: %s"
      % (n - len(refused), n, 100.0 * (n - len(refused)) / n, ", ".join(sorted(refused)) or "none"))
PY
}
