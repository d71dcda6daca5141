/*
 * Escaping for GitHub Actions workflow commands (workflow_command.h).
 */
#include "workflow_command.h"

/* Writes s, percent-encoding '%', every C0 control and DEL, and with property ':' and ','. */
static void put_escaped(const char *s, int property, FILE *out)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		unsigned char c = *p;
		if (c == '%' || c < 0x20 || c == 0x7f || (property && (c == ':' || c == ',')))
			fprintf(out, "%%%02X", c);
		else
			fputc(c, out);
	}
}

void workflow_command_put_data(const char *s, FILE *out)
{
	put_escaped(s, 0, out);
}

void workflow_command_put_property(const char *s, FILE *out)
{
	put_escaped(s, 1, out);
}
