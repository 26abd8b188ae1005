# Makefile: the two commands of the README's quick start, over CMake.
#   make report  installs missing Debian packages, builds, renders data/<year>/report.json
#                to out/<year>.pdf (print) and out/<year>-archive.pdf (PDF/A-1b) for every year
#   make test    builds and runs every test (ctest), also under ASan/UBSan
BUILD ?= build
ASAN_BUILD ?= build-asan
JOBS ?= $(shell nproc)
YEARS := $(notdir $(patsubst %/report.json,%,$(wildcard data/*/report.json)))

.PHONY: all deps build report test test-asan bench clean
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
	cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1 ctest --output-on-failure -j $(JOBS)

bench: build
	sh bench/run.sh

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) out
