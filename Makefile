# stagecast: `make demo` and `make test` are the whole set-up on a fresh
# Debian machine with the Swift toolchain.

SWIFT ?= swift
# CI adds -Xswiftc -warnings-as-errors; local builds stay lenient so a newer
# compiler's new warnings do not block work.
SWIFT_FLAGS ?=
RELEASE_BIN = .build/release/stagecast
REAL_DATA ?= ../shared/data/real
AS_OF ?= 2026-11-30

.PHONY: deps demo test build release real-reports browser-check fuzz bench format lint clean

# libcsv ships no pkg-config file; the header's presence tells whether it is installed.
deps:
	@if [ ! -f /usr/include/csv.h ] || [ ! -f /usr/include/sqlite3.h ]; then \
	  echo "Installing libcsv-dev and libsqlite3-dev (the CSV parser and the snapshot store stagecast links)"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq libcsv-dev libsqlite3-dev; \
	fi

build: deps
	$(SWIFT) build $(SWIFT_FLAGS)

release: deps
	$(SWIFT) build -c release $(SWIFT_FLAGS)

# The bundled samples: the Chinese one in reports/sample, the English one in reports/sample-en.
demo: release
	$(RELEASE_BIN) report data/sample-zh/opportunities.csv --history data/sample-zh/stage_history.csv \
	  --as-of $(AS_OF) --lang zh-CN --out reports/sample
	$(RELEASE_BIN) report data/sample-en/opportunities.csv --history data/sample-en/stage_history.csv \
	  --as-of $(AS_OF) --lang en --out reports/sample-en
	@echo "Open reports/sample/report.html (中文) or reports/sample-en/report.html (English)."

test: deps
	$(SWIFT) build $(SWIFT_FLAGS)
	$(SWIFT) test $(SWIFT_FLAGS)

# Public exports under $(REAL_DATA), each with its configuration in data/configs.
# The as-of dates are the end of each data set's dated span.
real-reports: release
	$(RELEASE_BIN) report $(REAL_DATA)/maven-crm-sales-opportunities/sales_pipeline.csv \
	  --config data/configs/maven-crm-sales-opportunities.json --as-of 2017-12-31 \
	  --out reports/real/maven-crm-sales-opportunities
	$(RELEASE_BIN) report $(REAL_DATA)/ibm-watson-sales-win-loss/WA_Fn-UseC_-Sales-Win-Loss.csv \
	  --config data/configs/ibm-watson-sales-win-loss.json --as-of 2026-11-30 \
	  --out reports/real/ibm-watson-sales-win-loss
	$(RELEASE_BIN) report $(REAL_DATA)/sap-b1-demo-opportunity-stages/OOPR_Opportunity_Header.csv \
	  --history $(REAL_DATA)/sap-b1-demo-opportunity-stages/OPR1_Opportunity_Details.csv \
	  --config data/configs/sap-b1-demo-opportunity-stages.json --as-of 2024-09-30 \
	  --out reports/real/sap-b1-demo-opportunity-stages

# Screenshots at 1280 and 390 px and a printed PDF of the sample reports in
# headless Chromium, for a person to look at; fails on scripts or outside resources.
# The hostile fixture's names carry script tags, event handlers, Markdown and
# spreadsheet formulas; its report must render as plain text.
browser-check: demo
	$(RELEASE_BIN) report Tests/StagecastTests/Fixtures/hostile/opportunities.csv \
	  --as-of 2026-11-30 --lang en --out reports/hostile
	scripts/browser-check.sh reports/sample reports/sample-en reports/hostile

# The shared benchmark: generates 100k and 1M deals, times cat, libcsv,
# Python's csv, the DuckDB and pandas references and this release build in
# one run, and prints the table. BENCH_SIZES picks sizes ("100000"). Then
# each stagecast output of the run is checked against the DuckDB reference's.
BENCH ?= ../shared/bench
BENCH_SIZES ?=
BENCH_OUT = $(CURDIR)/.data/bench/out
bench: release
	DATA=$(CURDIR)/.data/bench STAGECAST=$(CURDIR)/$(RELEASE_BIN) bash $(BENCH)/run.sh $(BENCH_SIZES)
	@for size in $(or $(BENCH_SIZES),100000 1000000); do \
	  for variant in stagecast stagecast-zh; do \
	    python3 scripts/check-reference.py $(BENCH_OUT)/$$size-duckdb $(BENCH_OUT)/$$size-$$variant || exit 1; \
	  done; \
	done

# libFuzzer with AddressSanitizer over import, analysis and rendering.
# FUZZ_RUNS inputs (default one million), starting from Tests/FuzzCorpus;
# new interesting inputs go to .build/fuzz-corpus, crashes to .build/fuzz-findings.
FUZZ_RUNS ?= 1000000
FUZZ_FLAGS = -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -DFUZZING
fuzz: deps
	$(SWIFT) build -c release --product stagecast-fuzz --scratch-path .build/fuzz $(FUZZ_FLAGS)
	mkdir -p .build/fuzz-corpus .build/fuzz-findings
	.build/fuzz/release/stagecast-fuzz -runs=$(FUZZ_RUNS) -max_len=4096 -timeout=10 \
	  -artifact_prefix=.build/fuzz-findings/ .build/fuzz-corpus Tests/FuzzCorpus

format:
	$(SWIFT) format --in-place --recursive Package.swift Sources Tests

lint:
	$(SWIFT) format lint --strict --recursive Package.swift Sources Tests

clean:
	rm -rf .build reports/sample reports/sample-en reports/real
