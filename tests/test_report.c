#include "unit.h"

void suite_report(void);
void suite_report(void)
{
}
