/* pipeline: running the extraction stages into a corpus. */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "article.h"
#include "diag.h"
#include "model.h"
#include "paths.h"
#include "pipeline.h"
#include "segment.h"
#include "text.h"
#include "xalloc.h"

struct pipeline {
	struct seg_rules	*seg;
};

struct pipeline *
pipeline_load(void)
{
	struct pipeline *pl = xcalloc(1, sizeof(*pl));
	char *p;

	p = xasprintf("%s/roles.conf", paths_lexicon());
	pl->seg = seg_rules_load(p);
	free(p);
	if (pl->seg == NULL) {
		pipeline_free(pl);
		return NULL;
	}
	return pl;
}

void
pipeline_free(struct pipeline *pl)
{
	if (pl == NULL)
		return;
	seg_rules_free(pl->seg);
	free(pl);
}

char *
pipeline_doc_id(const struct article *a)
{
	const char *base, *src;
	char *stem, *dot, *id;

	src = a->meta.id != NULL ? a->meta.id : a->path;
	base = strrchr(src, '/');
	base = base != NULL && a->meta.id == NULL ? base + 1 : src;
	stem = xstrdup(base);
	if (a->meta.id == NULL && (dot = strrchr(stem, '.')) != NULL &&
	    dot != stem)
		*dot = '\0';
	id = text_slug(stem, 64);
	free(stem);
	if (*id == '\0') {
		free(id);
		id = xstrdup("document");
	}
	return id;
}

int
pipeline_add(const struct pipeline *pl, struct corpus *c,
    struct article *a)
{
	struct document *d;
	size_t i;

	d = xcalloc(1, sizeof(*d));
	d->art = a;
	d->id = pipeline_doc_id(a);
	for (i = 0; i < c->ndoc; i++)
		if (strcmp(c->doc[i]->id, d->id) == 0) {
			diag(DIAG_DATA, a->name, 0, "document id '%s' is "
			    "already used by %s; give the article a unique "
			    "file name or an \"id\" in its .meta.json", d->id,
			    c->doc[i]->art->name);
			document_free(d);
			return -1;
		}
	if (segment_run(d, pl->seg) != 0) {
		document_free(d);
		return -1;
	}
	c->doc = xgrow(c->doc, &c->cap, c->ndoc + 1, sizeof(*c->doc));
	c->doc[c->ndoc++] = d;
	return 0;
}

static int
namecmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
has_suffix(const char *s, const char *suf)
{
	size_t n = strlen(s), m = strlen(suf);

	return n >= m && strcmp(s + n - m, suf) == 0;
}

char **
pipeline_inputs(char *const *args, size_t nargs)
{
	char **v = NULL;
	size_t n = 0, cap = 0, i, first;
	struct stat st;
	struct dirent *de;
	DIR *dir;

	for (i = 0; i < nargs; i++) {
		if (strcmp(args[i], "-") != 0 && stat(args[i], &st) == 0 &&
		    S_ISDIR(st.st_mode)) {
			if ((dir = opendir(args[i])) == NULL) {
				diag_errno(errno, args[i], "cannot open");
				goto fail;
			}
			first = n;
			while ((de = readdir(dir)) != NULL) {
				if (de->d_name[0] == '.' ||
				    !has_suffix(de->d_name, ".txt"))
					continue;
				v = xgrow(v, &cap, n + 2, sizeof(*v));
				v[n++] = xasprintf("%s/%s", args[i],
				    de->d_name);
			}
			closedir(dir);
			if (n == first) {
				diag(DIAG_DATA, args[i], 0,
				    "directory holds no *.txt articles");
				goto fail;
			}
			qsort(v + first, n - first, sizeof(*v), namecmp);
		} else {
			v = xgrow(v, &cap, n + 2, sizeof(*v));
			v[n++] = xstrdup(args[i]);
		}
	}
	v = xgrow(v, &cap, n + 1, sizeof(*v));
	v[n] = NULL;
	return v;
fail:
	if (v != NULL) {
		v[n] = NULL;
		pipeline_inputs_free(v);
	}
	return NULL;
}

void
pipeline_inputs_free(char **v)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; v[i] != NULL; i++)
		free(v[i]);
	free(v);
}
