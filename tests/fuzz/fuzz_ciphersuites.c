/* libFuzzer harness: parse_ciphersuites, then every rule and every reporter. */
#include "pipeline.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_pipeline(parse_ciphersuites, data, size);
	return 0;
}
