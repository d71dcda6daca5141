/* libFuzzer harness: parse_appconfig, then every rule and every reporter. */
#include "pipeline.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_pipeline(parse_appconfig, data, size);
	return 0;
}
