#ifndef WORKFLOW_COMMAND_H
#define WORKFLOW_COMMAND_H

#include <stdio.h>

/*
 * GitHub Actions workflow commands, "::error file=F,line=L,title=T::MESSAGE"
 * (one a line): the runner reads each line of a step's output, and one
 * starting with "::" and a command name is a command.  What follows is
 * escaped as GitHub's own toolkit does (actions/toolkit,
 * packages/core/src/command.ts: escapeData, escapeProperty), which the
 * runner undoes:
 *
 *   data (the message)       '%' -> %25, CR -> %0D, LF -> %0A
 *   a property's value       the same, and ':' -> %3A, ',' -> %2C
 *
 * and, beyond the toolkit, every other C0 control and DEL as %XX (which
 * the runner leaves as it is: shown, never obeyed).  So no byte of s can
 * end the line or start another command: a message with a line break in
 * it is one command whose text has several lines.
 *
 * The text the reporter gives these functions has already been through
 * text_escape_put() where it came from an input, so an input's own line
 * breaks arrive as the visible "\n", not as a break of the annotation.
 */

/* Writes s escaped as a command's data (its message). */
void workflow_command_put_data(const char *s, FILE *out);

/* Writes s escaped as a property's value (file=, title=). */
void workflow_command_put_property(const char *s, FILE *out);

#endif
