/*
 * libFuzzer harness: the configuration file (.sslcertlint.json) through
 * config_load(), then applied to the findings of a fixed snapshot.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "config.h"
#include "pipeline.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[] = "/tmp/fuzz-config-XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0)
		abort();
	if (write(fd, data, size) != (ssize_t)size)
		abort();
	close(fd);

	struct lint_config cfg;
	struct diag_list inputs, findings;
	config_init(&cfg);
	diag_list_init(&inputs);
	diag_list_init(&findings);
	config_load(&cfg, path, 1, &inputs);
	unlink(path);
	config_apply(&cfg, &findings, 1767225600);
	config_report_expired(&cfg, 1767225600, &inputs);
	diag_list_release(&findings);
	diag_list_release(&inputs);
	config_release(&cfg);
	return 0;
}
