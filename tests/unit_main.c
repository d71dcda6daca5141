/*
 * The CUnit driver: registers every suite listed in suites.def and runs
 * them.  Exit status 1 when any assertion failed.
 */
#include <CUnit/Basic.h>
#include <locale.h>
#include <stdlib.h>

#include "unit.h"

#define SUITE(name) void suite_##name(void);
#include "suites.def"
#undef SUITE

int main(void)
{
	setlocale(LC_ALL, "C");
	if (CU_initialize_registry() != CUE_SUCCESS)
		return 2;
#define SUITE(name) suite_##name();
#include "suites.def"
#undef SUITE
	CU_basic_set_mode(CU_BRM_NORMAL);
	CU_basic_run_tests();
	unsigned failed = CU_get_number_of_failures() + CU_get_number_of_tests_failed();
	unsigned suites_failed = CU_get_number_of_suites_failed();
	CU_cleanup_registry();
	return failed || suites_failed ? 1 : 0;
}
