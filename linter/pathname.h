#ifndef PATHNAME_H
#define PATHNAME_H

/*
 * File paths taken apart lexically, for the SARIF report's URIs: the
 * same file named "./x", "x/../x" or by its absolute path comes out as
 * one relative URI.  Nothing here touches the file system, so symbolic
 * links are not resolved ("link/../y" is "y"): paths are compared as
 * they are spelled, the root and the inputs alike.
 */

/*
 * path with repeated '/', "." segments and a trailing '/' dropped, and
 * each "name/.." folded away.  An absolute path's leading ".." segments
 * are dropped ("/../a" is "/a", as the kernel reads it); a relative one's
 * are kept ("../a").  "" and "." give ".".  Returns a malloc'd string.
 */
char *path_clean(const char *path);

/*
 * path made absolute against base (an absolute directory) when it is
 * relative, then cleaned.  Returns a malloc'd string.
 */
char *path_absolute(const char *path, const char *base);

/*
 * The part of abs below root, both absolute and clean (path_clean()), as
 * a pointer into abs; NULL when abs is root itself or not below it.
 */
const char *path_below(const char *abs, const char *root);

#endif
