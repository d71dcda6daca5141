#ifndef TIMEUTIL_H
#define TIMEUTIL_H

#include <stdint.h>

/*
 * Parses an ISO 8601 date-time: "2026-01-01", "2026-01-01T12:00:00Z",
 * "2026-01-01T12:00:00.123+02:00", "2026-01-01 12:00:00" (no offset is
 * taken as UTC).  Stores seconds since the Unix epoch in *out; returns
 * 0, or -1 when s is not such a date.
 */
int iso8601_parse(const char *s, int64_t *out);

/* "YYYY-MM-DD HH:MM:SS" of t (seconds since the epoch, UTC) into out. */
void utc_format(int64_t t, char out[64]);

/* Seconds since the epoch of a UTC civil date and time (no range checks). */
int64_t civil_to_epoch(int year, int month, int day, int hour, int min, int sec);

#endif
