#include "unit.h"

void suite_model(void);
void suite_model(void)
{
}
