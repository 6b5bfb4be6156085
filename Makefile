# Cryptobot's monitoring: `make dashboards` runs `dac build`, which compiles the sources dac.toml
# names (dashboards/, alerts/, catalog/) into out/
CARGO ?= cargo
DAC := $(or $(CARGO_TARGET_DIR),target)/release/dac

.PHONY: dashboards check diff test bench clean

$(DAC): $(shell find src grammar -type f) build.rs Cargo.toml Cargo.lock
	$(CARGO) build --release --locked

dashboards: $(DAC)
	$(DAC) build

check: $(DAC)
	$(DAC) build --check

# What this branch changes against origin/main (exit 1 when something changed).
diff: $(DAC)
	$(DAC) diff --base origin/main

test:
	scripts/install-test-deps
	promtool --version | head -n 1
	$(CARGO) test --locked

bench:
	$(CARGO) bench --locked

clean:
	rm -rf out
