# Makefile: the two commands of the README's quick start, over CMake.
#   make report  installs missing Debian packages, builds, renders data/<year>/report.json
#                to out/<year>.pdf (print) and out/<year>-archive.pdf (PDF/A-1b) for every year
#   make test    builds and runs every test (ctest), also under ASan/UBSan
BUILD ?= build
ASAN_BUILD ?= build-asan
JOBS ?= $(shell nproc)
YEARS := $(notdir $(patsubst %/report.json,%,$(wildcard data/*/report.json)))

FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 60
FUZZ_TARGETS = $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c))

.PHONY: all deps build report test test-asan fuzz bench clean
all: build

deps:
	@sh scripts/install-deps.sh

$(BUILD)/Makefile: CMakeLists.txt
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null

build: deps $(BUILD)/Makefile
	cmake --build $(BUILD) -j $(JOBS)

report: build
	@mkdir -p out
	@set -e; for y in $(YEARS); do \
	  echo "baogao build data/$$y/report.json -o out/$$y.pdf"; \
	  $(BUILD)/baogao build data/$$y/report.json -o out/$$y.pdf; \
	  echo "baogao build data/$$y/report.json --pdfa 1b -o out/$$y-archive.pdf"; \
	  $(BUILD)/baogao build -q data/$$y/report.json --pdfa 1b -o out/$$y-archive.pdf; \
	done

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)
	$(MAKE) --no-print-directory test-asan

test-asan: deps
	cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DBG_SANITIZE=ON >/dev/null
	cmake --build $(ASAN_BUILD) -j $(JOBS)
	cd $(ASAN_BUILD) && ctest --output-on-failure -j $(JOBS)

# make fuzz: each libFuzzer target (tests/fuzz/fuzz_*.c, built with clang, ASan and
# UBSan in $(FUZZ_BUILD)) runs FUZZ_SECONDS seconds on its seed corpus (tests/fuzz/seeds.sh)
# and the crashes found so far; a new crash input is written to
# tests/fuzz/regressions/<target>/, which `make test` replays, and fails the run.
fuzz: build
	cmake -S . -B $(FUZZ_BUILD) -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBG_FUZZ=ON >/dev/null
	cmake --build $(FUZZ_BUILD) -j $(JOBS)
	sh tests/fuzz/seeds.sh $(FUZZ_BUILD)/seeds $(BUILD)/baogao
	@status=0; for t in $(FUZZ_TARGETS); do \
	  mkdir -p $(FUZZ_BUILD)/corpus/$$t $(FUZZ_BUILD)/seeds/$$t tests/fuzz/regressions/$$t; \
	  echo "fuzz: $$t for $(FUZZ_SECONDS) s"; \
	  dict=; [ -f tests/fuzz/fuzz_$$t.dict ] && dict=-dict=tests/fuzz/fuzz_$$t.dict; \
	  TMPDIR=$(CURDIR)/$(FUZZ_BUILD) $(FUZZ_BUILD)/tests/fuzz/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) $$dict \
	    -max_len=131072 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
	    -artifact_prefix=tests/fuzz/regressions/$$t/ \
	    $(FUZZ_BUILD)/corpus/$$t $(FUZZ_BUILD)/seeds/$$t tests/fuzz/regressions/$$t \
	    >$(FUZZ_BUILD)/$$t.log 2>&1 || { echo "fuzz: $$t FAILED, see $(FUZZ_BUILD)/$$t.log"; status=1; }; \
	  grep -E '^(#[0-9]+.*DONE|stat::number_of_executed_units|stat::peak_rss)' $(FUZZ_BUILD)/$$t.log | tail -3; \
	done; exit $$status

bench: build
	sh bench/run.sh

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD) out
