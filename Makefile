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
fuzz:
	$(GO) test -run '^$$' -fuzz '^FuzzParse$$' -fuzztime $(FUZZTIME) ./lang/syntax
	$(GO) test -run '^$$' -fuzz '^FuzzRun$$' -fuzztime $(FUZZTIME) ./internal/vmtest
	$(GO) test -run '^$$' -fuzz '^FuzzProcess$$' -fuzztime $(FUZZTIME) ./preproc
	$(GO) test -run '^$$' -fuzz '^FuzzDecodeCompiled$$' -fuzztime $(FUZZTIME) ./internal/source
	$(GO) test -run '^$$' -fuzz '^FuzzCompileMatch$$' -fuzztime $(FUZZTIME) ./stdlib/base/sqrex
	$(GO) test -run '^$$' -fuzz '^FuzzParseCassette$$' -fuzztime $(FUZZTIME) ./stdlib/agent/web
	$(GO) test -run '^$$' -fuzz '^FuzzParseHead$$' -fuzztime $(FUZZTIME) ./stdlib/agent/web
	$(GO) test -run '^$$' -fuzz '^FuzzParseScenario$$' -fuzztime $(FUZZTIME) ./board
	$(GO) test -run '^$$' -fuzz '^FuzzParseBoardFile$$' -fuzztime $(FUZZTIME) ./board
	$(GO) test -run '^$$' -fuzz '^FuzzI2CModels$$' -fuzztime $(FUZZTIME) ./board
	$(GO) test -run '^$$' -fuzz '^FuzzW5500$$' -fuzztime $(FUZZTIME) ./board
	$(GO) test -run '^$$' -fuzz '^FuzzDHCPServer$$' -fuzztime $(FUZZTIME) ./board
	$(GO) test -run '^$$' -fuzz '^FuzzModbusTCP$$' -fuzztime $(FUZZTIME) ./board
	$(GO) test -run '^$$' -fuzz '^FuzzSTM32Boot$$' -fuzztime $(FUZZTIME) ./board
	$(GO) test -run '^$$' -fuzz '^FuzzFT800$$' -fuzztime $(FUZZTIME) ./board
	$(GO) test -run '^$$' -fuzz '^FuzzMAX3421E$$' -fuzztime $(FUZZTIME) ./board
	$(GO) test -run '^$$' -fuzz '^FuzzSTN1110$$' -fuzztime $(FUZZTIME) ./board
	$(GO) test -run '^$$' -fuzz '^FuzzCFA533$$' -fuzztime $(FUZZTIME) ./board
	$(GO) test -run '^$$' -fuzz '^FuzzBQ24295$$' -fuzztime $(FUZZTIME) ./board
	$(GO) test -run '^$$' -fuzz '^FuzzI2CWire$$' -fuzztime $(FUZZTIME) ./board
	$(GO) test -run '^$$' -fuzz '^FuzzBusAbuse$$' -fuzztime $(FUZZTIME) ./stdlib/hardware
	$(GO) test -run '^$$' -fuzz '^FuzzReadLCOV$$' -fuzztime $(FUZZTIME) ./cover
	$(GO) test -run '^$$' -fuzz '^FuzzLibraryFiles$$' -fuzztime $(FUZZTIME) ./libfetch
	$(GO) test -run '^$$' -fuzz '^FuzzMemberUses$$' -fuzztime $(FUZZTIME) ./lang/syntax
	$(GO) test -run '^$$' -fuzz '^FuzzChoose$$' -fuzztime $(FUZZTIME) ./imptype
	$(GO) test -run '^$$' -fuzz '^FuzzTableOps$$' -fuzztime $(FUZZTIME) ./runtime
