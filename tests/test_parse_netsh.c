#include "unit.h"

void suite_parse_netsh(void);
void suite_parse_netsh(void)
{
}
