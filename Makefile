# The two commands of the README.
.PHONY: demo test check build bench
PORT ?= 8080

demo:
	scripts/demo.sh $(PORT)

test:
	scripts/test.sh

# The quick loop: native tests, lints, docs and the format's agreement (no browsers, no wasm).
check:
	scripts/test.sh --quick

build:
	scripts/setup.sh && scripts/build.sh

bench:
	scripts/bench.sh
