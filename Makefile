# The two commands of the README.
.PHONY: demo test build bench
PORT ?= 8080

demo:
	scripts/demo.sh $(PORT)

test:
	scripts/test.sh

build:
	scripts/setup.sh && scripts/build.sh

bench:
	scripts/bench.sh
