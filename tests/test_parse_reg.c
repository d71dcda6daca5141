#include "unit.h"

void suite_parse_reg(void);
void suite_parse_reg(void)
{
}
