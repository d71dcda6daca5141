/*
 * A main() for the fuzz harnesses when built without libFuzzer (gcc, and
 * `make check`): runs the harness once on each file named on the command
 * line, so a crash found by the fuzzer can be replayed anywhere.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		FILE *f = fopen(argv[i], "rb");
		if (!f) {
			perror(argv[i]);
			return 2;
		}
		size_t cap = 1 << 16, n = 0, got;
		uint8_t *buf = malloc(cap);
		while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0)
			if ((n += got) == cap)
				buf = realloc(buf, cap *= 2);
		fclose(f);
		if (!buf)
			return 2;
		LLVMFuzzerTestOneInput(buf, n);
		free(buf);
	}
	return 0;
}
