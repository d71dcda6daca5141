#include "unit.h"

void suite_arena(void);
void suite_arena(void)
{
}
