#include "unit.h"

void suite_rules(void);
void suite_rules(void)
{
}
