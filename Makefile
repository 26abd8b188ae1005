# Makefile: the two commands of the README's quick start, over CMake.
#   make report  installs missing Debian packages, builds, renders data/<year>/report.json
#                to out/<year>.pdf (print) and out/<year>-archive.pdf (PDF/A-1a: tagged) for every year
#   make test    builds and runs every test (ctest), and then under ASan/UBSan all but the
#                checker tests, whose builds are made there by tests/sanitizer/builds.sh
BUILD ?= build
ASAN_BUILD ?= build-asan
JOBS ?= $(shell nproc)
YEARS := $(notdir $(patsubst %/report.json,%,$(wildcard data/*/report.json)))

PREFIX ?= /usr/local
DEB_BUILD ?= build-deb
FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 60
FUZZ_TARGETS = $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c))

.PHONY: all deps build report test test-asan fuzz bench clean install uninstall deb
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
	  echo "baogao build data/$$y/report.json --pdfa 1a -o out/$$y-archive.pdf"; \
	  $(BUILD)/baogao build -q data/$$y/report.json --pdfa 1a -o out/$$y-archive.pdf; \
	done

# The sanitizer pass runs the checker tests' builds, not their readers (tests/CMakeLists.txt,
# BG_RELEASE_ONLY), and compares each PDF with the one the release pass judged.
test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)
	$(MAKE) --no-print-directory test-asan BG_REFERENCE_WORK=$(CURDIR)/$(BUILD)/tests/work

test-asan: deps
	cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DBG_SANITIZE=ON >/dev/null
	cmake --build $(ASAN_BUILD) -j $(JOBS)
	cd $(ASAN_BUILD) && BG_REFERENCE_WORK=$(BG_REFERENCE_WORK) ctest --output-on-failure -j $(JOBS)

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

# make install PREFIX=P (and DESTDIR=D for staging); make uninstall removes what the last
# install into the same build folder wrote (CMake's install_manifest.txt).
install: build
	cmake --install $(BUILD) --prefix $(PREFIX)

uninstall:
	@test -f $(BUILD)/install_manifest.txt || { echo "uninstall: no $(BUILD)/install_manifest.txt (nothing installed from $(BUILD))"; exit 1; }
	@while IFS= read -r f || [ -n "$$f" ]; do \
	  rm -f "$$f" && echo "removed $$f"; \
	  rmdir -p --ignore-fail-on-non-empty "$$(dirname "$$f")" 2>/dev/null || true; \
	done < $(BUILD)/install_manifest.txt
	@rm -f $(BUILD)/install_manifest.txt

# make deb: $(DEB_BUILD)/baogao_<version>_amd64.deb (CPack's DEB generator), built for /usr.
deb: deps
	cmake -S . -B $(DEB_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_INSTALL_PREFIX=/usr \
	  -DCMAKE_SKIP_INSTALL_ALL_DEPENDENCY=ON >/dev/null
	cmake --build $(DEB_BUILD) -j $(JOBS) --target baogao
	cd $(DEB_BUILD) && cpack -G DEB
	@ls $(DEB_BUILD)/baogao_*.deb

bench: build
	sh bench/run.sh

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(DEB_BUILD) $(FUZZ_BUILD) out
