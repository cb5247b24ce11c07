/* paths: locating schemas, lexicons and rules. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/paths.h"
#include "lib/xalloc.h"

#ifndef SHEAF_SHAREDIR
#define SHEAF_SHAREDIR "/usr/local/share/sheaf"
#endif

static int	 resolved;
static char	*schemas, *lexicon, *genlexicon, *citation;

static int
isdir(const char *p)
{
	struct stat st;

	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static int
isfile(const char *p)
{
	struct stat st;

	return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

static int
try_source_tree(const char *root)
{
	char *s = xasprintf("%s/schemas", root);
	char *l = xasprintf("%s/data/lexicon", root);
	char *mark = xasprintf("%s/data/lexicon/roles.conf", root);
	int tree = isfile(mark);

	free(mark);
	if (tree && isdir(l)) {
		schemas = s;
		lexicon = l;
		genlexicon = xasprintf("%s/build/lexicon", root);
		citation = xasprintf("%s/CITATION.cff", root);
		if (!isfile(citation)) {
			free(citation);
			citation = NULL;
		}
		return 1;
	}
	free(s);
	free(l);
	return 0;
}

static void
set_share(const char *share)
{
	schemas = xasprintf("%s/schemas", share);
	lexicon = xasprintf("%s/lexicon", share);
	genlexicon = xstrdup(lexicon);
	citation = NULL;
}

static void
resolve(void)
{
	char exe[PATH_MAX], *p, *share;
	const char *env;
	ssize_t n;
	int found = 0;

	if (resolved)
		return;
	resolved = 1;
	if ((env = getenv("SHEAF_DATADIR")) != NULL && *env != '\0') {
		if (!try_source_tree(env))
			set_share(env);
		return;
	}
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = '\0';
		/* strip "/sheaf", then the bin directory */
		if ((p = strrchr(exe, '/')) != NULL)
			*p = '\0';
		if ((p = strrchr(exe, '/')) != NULL) {
			*p = '\0';
			share = xasprintf("%s/share/sheaf", exe);
			/* a sanitizer build lives in build/san/bin */
			if (try_source_tree(exe))
				found = 1;
			else if (isdir(share)) {
				set_share(share);
				found = 1;
			} else {
				char *up = xasprintf("%s/../..", exe);

				found = try_source_tree(up);
				free(up);
			}
			free(share);
		}
	}
	if (!found)
		set_share(SHEAF_SHAREDIR);
}

const char *
paths_schemas(void)
{
	resolve();
	return schemas;
}

const char *
paths_lexicon(void)
{
	resolve();
	return lexicon;
}

const char *
paths_genlexicon(void)
{
	resolve();
	return genlexicon;
}

const char *
paths_citation(void)
{
	resolve();
	return citation;
}
