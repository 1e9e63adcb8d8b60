# make bench: oomcore vs crash vs drgn on the distro kernel's dumps
# (bench/run.sh; prints a table and saves it under bench/results/).
# Not a test: nothing here asserts on timings.
# Variables: REPS, CRASH_REPS, BATCH_N, DISTRO (see bench/run.sh).

.PHONY: bench

bench: $(BUILD)/oomcore
	BUILD=$(BUILD) bench/run.sh
