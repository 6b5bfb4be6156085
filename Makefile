# Cryptobot's monitoring: `make dashboards` compiles dashboards/ and alerts/ into out/.
CARGO ?= cargo
DAC := $(or $(CARGO_TARGET_DIR),target)/release/dac

.PHONY: dashboards check test bench clean

$(DAC): $(shell find src grammar -type f) Cargo.toml Cargo.lock
	$(CARGO) build --release --locked

dashboards: $(DAC)
	$(DAC) build dashboards alerts catalog -o out

check: $(DAC)
	$(DAC) build --check dashboards alerts catalog -o out

test:
	scripts/install-test-deps
	promtool --version | head -n 1
	$(CARGO) test --locked

bench:
	$(CARGO) bench --locked

clean:
	rm -rf out
