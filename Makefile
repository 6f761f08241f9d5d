# impvm build and test entry points. `make test` is what CI runs.
GO ?= go
PKGS := ./...

.PHONY: build wasm playground test vet fmt-check tidy-check unit conformance bench bench-check fuzz

# bin/impvm, with the playground's WebAssembly build embedded. Without cgo
# (impvm has no C; only the standard library's resolver and os/user would
# use it) the binary is static: each process starts about 1 ms sooner.
build: wasm
	CGO_ENABLED=0 $(GO) build -o bin/impvm ./cmd/impvm

# The WebAssembly build of impvm the playground runs, and Go's loader for it
# (both ignored by git; see playground/wasm/README.md).
wasm:
	GOOS=js GOARCH=wasm $(GO) build -trimpath -o playground/wasm/impvm.wasm ./cmd/impvm
	cp "$$($(GO) env GOROOT)/lib/wasm/wasm_exec.js" playground/wasm/wasm_exec.js

# The playground as a static site any web server can serve.
playground: build
	bin/impvm playground --out dist/playground

# The unit tests run last: their total line ends the output.
test: vet fmt-check tidy-check conformance fuzz unit

vet:
	$(GO) vet $(PKGS)

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

# go.mod and go.sum must be what `go mod tidy` makes them.
tidy-check:
	$(GO) mod tidy -diff

# go test -json through internal/testtotal: failed tests' output, then
# one "N passed, M failed" line; it fails when any test failed.
unit:
	$(GO) test -count=1 -json $(PKGS) | $(GO) run ./internal/testtotal

# The shared judge, run against the built binary when python3 is present
# (go test already runs the same checks in-process).
conformance: build
	@if command -v python3 >/dev/null 2>&1; then \
		cd testdata/conformance && python3 ../../scripts/check.py ../../bin/impvm . ; \
	else echo "python3 not found: conformance judged by go test only"; fi

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./lang/... ./runtime/... ./bench/...

# Fails when a bench/ program's time ratio to its Go version is more than
# 10% above bench/README.md's table (measures; not part of make test).
bench-check:
	$(GO) test -count=1 -run '^(TestBenchCheck|TestMechanismRatios)$$' ./bench -args -check

# Short fuzzing runs (CI): parser, VM, preprocessor... A count budget
# (2000 inputs each), not a time budget: a short -fuzztime can hit the
# fuzz coordinator's deadline race. Longer: FUZZTIME=5m make fuzz
FUZZTIME ?= 2000x
# The fuzz targets, each as Target@package.
FUZZ_TARGETS = \
	FuzzParse@lang/syntax \
	FuzzRun@internal/vmtest \
	FuzzProcess@preproc \
	FuzzDecodeCompiled@internal/source \
	FuzzCompileMatch@stdlib/base/sqrex \
	FuzzParseCassette@stdlib/agent/web \
	FuzzParseHead@stdlib/agent/web \
	FuzzParseScenario@board \
	FuzzParseBoardFile@board \
	FuzzI2CModels@board \
	FuzzW5500@board \
	FuzzDHCPServer@board \
	FuzzModbusTCP@board \
	FuzzSTM32Boot@board \
	FuzzFT800@board \
	FuzzMAX3421E@board \
	FuzzSTN1110@board \
	FuzzCFA533@board \
	FuzzBQ24295@board \
	FuzzI2CWire@board \
	FuzzSPINOR@board \
	FuzzBusAbuse@stdlib/hardware \
	FuzzReadLCOV@cover \
	FuzzLibraryFiles@libfetch \
	FuzzMemberUses@lang/syntax \
	FuzzChoose@imptype \
	FuzzTableOps@runtime \
	FuzzAgentRequest@host
fuzz:
	@for t in $(FUZZ_TARGETS); do \
		echo "fuzz $${t%@*} ./$${t#*@}"; \
		$(GO) test -run '^$$' -fuzz "^$${t%@*}\$$" -fuzztime $(FUZZTIME) ./$${t#*@} || exit 1; \
	done
